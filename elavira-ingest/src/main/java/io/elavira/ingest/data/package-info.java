/**
 * Data files: JSON ({@link io.elavira.ingest.data.JsonParser}) and YAML ({@link
 * io.elavira.ingest.data.YamlParser}) flattened into readable {@code path: value} lines, record by
 * record; XML ({@link io.elavira.ingest.data.XmlParser}) as the text of its elements; CSV ({@link
 * io.elavira.ingest.data.CsvParser}) with its dialect detected and every row rendered with its
 * headers.
 */
@NullMarked
package io.elavira.ingest.data;

import org.jspecify.annotations.NullMarked;
