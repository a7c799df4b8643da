/**
 * Runnable examples of Elavira. The {@code elavira} command-line tool lives in {@link
 * io.elavira.examples.cli}. This module is an application, not a library: nothing here is a stable
 * API.
 */
@NullMarked
package io.elavira.examples;

import org.jspecify.annotations.NullMarked;
