/**
 * Exports a generated document (a cover letter, a CV, an email) to the format its reader will open:
 * Markdown, Word ({@code .docx}, through Apache POI) or PDF (HTML and CSS rendered by openhtmltopdf
 * on PDFBox, with the Liberation fonts embedded so that French accents, ligatures and typographic
 * apostrophes print everywhere). Build an {@link io.elavira.ingest.export.ExportDocument} (title,
 * language, optional letter layout, Markdown body) and call {@link
 * io.elavira.ingest.export.DocumentExporters#export}, which picks the format from the file
 * extension and replaces the file atomically; every exported file re-opens with Elavira's own
 * parsers. Nothing is fetched (links and images are never loaded) and nothing is written but the
 * output file and its temporary sibling.
 */
@NullMarked
package io.elavira.ingest.export;

import org.jspecify.annotations.NullMarked;
