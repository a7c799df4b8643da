/**
 * The entry point of Elavira: {@link io.elavira.ElaviraAgent} (built with its builder; ask, stream,
 * index, close), what it returns ({@link io.elavira.Answer}, {@link io.elavira.Source}, {@link
 * io.elavira.AnswerStream}) and the root of the exception tree, {@link
 * io.elavira.ElaviraException}.
 */
@NullMarked
package io.elavira;

import org.jspecify.annotations.NullMarked;
