/**
 * The long tail of office formats, through well-kept libraries: {@link
 * io.elavira.ingest.office.OdtParser} reads OpenDocument text with Apache Tika's OpenDocument
 * parser, and {@link io.elavira.ingest.office.RtfParser} reads RTF with the JDK's RTF reader.
 */
@NullMarked
package io.elavira.ingest.office;

import org.jspecify.annotations.NullMarked;
