/**
 * Plain text: {@link io.elavira.ingest.text.PlainTextParser} reads {@code .txt}, {@code .text} and
 * {@code .log} files with encoding detection and splits them into paragraphs.
 */
@NullMarked
package io.elavira.ingest.text;

import org.jspecify.annotations.NullMarked;
