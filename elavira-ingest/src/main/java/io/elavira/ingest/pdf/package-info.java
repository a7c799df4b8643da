/**
 * PDF: {@link io.elavira.ingest.pdf.PdfParser} reads the text layer of PDF files with Apache
 * PDFBox, page by page in content order, dropping text a reader cannot see, and reports scans that
 * have no text layer.
 */
@NullMarked
package io.elavira.ingest.pdf;

import org.jspecify.annotations.NullMarked;
