package io.elavira.store;

import io.elavira.llm.Role;
import io.elavira.store.internal.ContentHash;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Builders of rows for store tests. */
final class StoreFixtures {
  private StoreFixtures() {}

  static String sha256(String text) {
    return ContentHash.of(text);
  }

  /** Version 1 of a document: the one {@link #chunks} and {@link #publish} write first. */
  static DocumentRecord document(
      String agentId, @Nullable String ownerId, String name, String content) {
    return document(agentId, ownerId, name, content, 1);
  }

  static DocumentRecord document(
      String agentId, @Nullable String ownerId, String name, String content, int version) {
    String location = "/docs/" + name;
    return new DocumentRecord(
        agentId + ":" + location,
        agentId,
        ownerId,
        name,
        location,
        "txt",
        sha256(content),
        DocumentStatus.INDEXING,
        version,
        0,
        Instant.EPOCH);
  }

  /** The document with its chunk count set, as {@link DocumentStore#publish} expects it. */
  static DocumentRecord withChunks(DocumentRecord d, int chunkCount) {
    return new DocumentRecord(
        d.id(),
        d.agentId(),
        d.ownerId(),
        d.name(),
        d.location(),
        d.format(),
        d.contentHash(),
        d.status(),
        d.version(),
        chunkCount,
        d.updatedAt());
  }

  /** Stages then publishes the document's version with one chunk per text; returns the chunks. */
  static List<ChunkRecord> publish(DocumentStore documents, DocumentRecord doc, String... texts) {
    List<ChunkRecord> chunks = chunks(doc, texts);
    documents.stage(doc, chunks);
    if (!documents.publish(withChunks(doc, chunks.size()))) {
      throw new AssertionError("version " + doc.version() + " of " + doc.id() + " not published");
    }
    return chunks;
  }

  static List<ChunkRecord> chunks(DocumentRecord document, String... texts) {
    List<ChunkRecord> chunks = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      chunks.add(
          new ChunkRecord(
              document.id() + "@" + document.version() + "#" + i,
              document.id(),
              i,
              texts[i],
              null,
              null,
              sha256(texts[i]),
              Map.of()));
    }
    return chunks;
  }

  static StoredMessage message(String conversationId, Role role, String content) {
    return new StoredMessage(
        0,
        conversationId,
        role,
        content,
        null,
        null,
        0,
        0,
        0,
        null,
        Instant.parse("2026-01-15T10:00:00Z"));
  }

  /** A clock that moves forward one millisecond each time it is read. */
  static Clock tickingClock() {
    AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(now.incrementAndGet());
      }
    };
  }
}
