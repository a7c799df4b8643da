/**
 * Word: {@link io.elavira.ingest.docx.DocxParser} reads {@code .docx} files with Apache POI into
 * headings, paragraphs, lists and tables, keeping page headers and footers apart from the body.
 */
@NullMarked
package io.elavira.ingest.docx;

import org.jspecify.annotations.NullMarked;
