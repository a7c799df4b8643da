/**
 * The agent runtime behind {@link io.elavira.ElaviraAgent}: indexing, crash recovery, and the
 * request path split into small stages. Not API: anything here may change without notice.
 */
@NullMarked
package io.elavira.internal;

import org.jspecify.annotations.NullMarked;
