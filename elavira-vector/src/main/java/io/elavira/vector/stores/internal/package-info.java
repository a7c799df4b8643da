/**
 * What the embedded stores of elavira-vector share (vector checks and normalisation). Not API: it
 * may change in any release.
 */
@NullMarked
package io.elavira.vector.stores.internal;

import org.jspecify.annotations.NullMarked;
