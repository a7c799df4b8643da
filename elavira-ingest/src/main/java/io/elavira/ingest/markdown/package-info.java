/**
 * Markdown: {@link io.elavira.ingest.markdown.MarkdownParser} reads CommonMark with GitHub pipe
 * tables into headings, paragraphs, lists, code blocks and tables, with heading paths as sections.
 */
@NullMarked
package io.elavira.ingest.markdown;

import org.jspecify.annotations.NullMarked;
