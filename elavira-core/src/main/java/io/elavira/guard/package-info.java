/**
 * Guards on the request path: input limits checked before anything is retrieved, sent or stored
 * ({@link io.elavira.guard.InputGuard}, {@link io.elavira.guard.InputRejectedException}).
 */
@NullMarked
package io.elavira.guard;

import org.jspecify.annotations.NullMarked;
