/**
 * The system of record: one SQLite database per agent home, opened by {@link
 * io.elavira.store.ElaviraStore}, with versioned migrations applied on open. Conversations,
 * documents, chunks, embeddings and the audit log live here; vector and lexical indexes are derived
 * from it.
 */
@NullMarked
package io.elavira.store;

import org.jspecify.annotations.NullMarked;
