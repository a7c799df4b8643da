/**
 * The system of record: one SQLite database per agent home, opened ONCE per process by {@link
 * io.elavira.store.ElaviraStore} and shared by every agent of that home, with versioned,
 * checksummed migrations applied on open. Conversations, documents (versioned, swapped whole),
 * chunks, embeddings, feedback, usage and the audit log live here; vector and lexical indexes are
 * derived from it and follow its change log.
 *
 * <p>Most applications only open the store and hand it to agents. {@link
 * io.elavira.store.ConversationStore}, {@link io.elavira.store.DocumentStore}, {@link
 * io.elavira.store.FeedbackStore} and {@link io.elavira.store.AuditLog} are public on purpose: they
 * are the SPI of the system of record (the seam a PostgreSQL implementation will fill) and the way
 * tools read what an agent stored. Their engine methods (staging and publishing a document version)
 * are meant for the agent's indexer; calling them directly bypasses the derived indexes.
 */
@NullMarked
package io.elavira.store;

import org.jspecify.annotations.NullMarked;
