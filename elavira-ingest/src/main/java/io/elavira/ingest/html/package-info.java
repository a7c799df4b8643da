/**
 * HTML: {@link io.elavira.ingest.html.HtmlParser} reads web pages with jsoup, keeping the main text
 * (no scripts, styles or navigation) as headings, paragraphs, lists, code and tables.
 */
@NullMarked
package io.elavira.ingest.html;

import org.jspecify.annotations.NullMarked;
