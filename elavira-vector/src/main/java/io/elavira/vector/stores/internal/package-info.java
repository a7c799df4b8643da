/**
 * What the stores of elavira-vector share: the dimension check of every store, and the vector
 * normalisation of the embedded ones. Not API: it may change in any release.
 */
@NullMarked
package io.elavira.vector.stores.internal;

import org.jspecify.annotations.NullMarked;
