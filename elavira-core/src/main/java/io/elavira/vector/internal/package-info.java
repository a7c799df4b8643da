/** Vector arithmetic shared by the exact searches of the core. Not API. */
@NullMarked
package io.elavira.vector.internal;

import org.jspecify.annotations.NullMarked;
