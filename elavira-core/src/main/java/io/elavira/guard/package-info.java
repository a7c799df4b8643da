/**
 * Guards on the request path: input limits checked before anything is retrieved, sent or stored
 * ({@link io.elavira.guard.InputGuard}, {@link io.elavira.guard.InputRejectedException}).
 * Prompt-injection detection and secret masking will live here too.
 */
package io.elavira.guard;
