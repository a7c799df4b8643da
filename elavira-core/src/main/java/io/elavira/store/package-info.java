/**
 * The system of record: one SQLite database per agent home, opened by {@link
 * io.elavira.store.ElaviraStore}, with versioned migrations applied on open. Conversations,
 * documents, chunks, embeddings and the audit log live here; vector and lexical indexes are derived
 * from it.
 */
package io.elavira.store;
