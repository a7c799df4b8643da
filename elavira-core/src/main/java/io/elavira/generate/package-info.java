/**
 * Document generation from a person's own data: a structured, versioned {@link
 * io.elavira.generate.Profile} extracted from their indexed documents ({@link
 * io.elavira.generate.Profiles}), Mustache {@link io.elavira.generate.Templates} for cover letters,
 * tailored CVs and emails in French and English, a {@link io.elavira.generate.DocumentGenerator}
 * that fills them through a language model (or, offline, with the facts verbatim as a draft) and
 * keeps the facts used with their sources, and a {@link io.elavira.generate.ClaimCheck} that flags
 * the names, dates, degrees and figures of a text that no source supports.
 */
@NullMarked
package io.elavira.generate;

import org.jspecify.annotations.NullMarked;
