/**
 * Not API: the SQLite/Jdbi implementation behind {@link io.elavira.store.ElaviraStore} (connection
 * setup, migration runner, DAOs, vector encoding). Anything here may change without notice; use the
 * interfaces of {@code io.elavira.store}.
 */
@NullMarked
package io.elavira.store.internal;

import org.jspecify.annotations.NullMarked;
