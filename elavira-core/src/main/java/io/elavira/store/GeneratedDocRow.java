package io.elavira.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One version of a generated document as {@link GenerationStore} keeps it; {@code
 * io.elavira.generate.DocumentGenerator} reads and writes the JSON columns.
 *
 * @param id unique id of this version
 * @param agentId the agent that generated it
 * @param userId the person it was generated for
 * @param kind what it is ("cover-letter", "cv", "email")
 * @param language the language it is written in ("fr", "en")
 * @param title a short title
 * @param content the document, in Markdown
 * @param version 1, then one more per regeneration
 * @param parentId the version this one regenerates, or null for a first version
 * @param inputsJson the inputs it was generated from (job offer, recipient, tone...), JSON
 * @param factsJson the profile facts used, with their sources, JSON
 * @param flagsJson the claim-check flags, JSON
 * @param draft true when no model wrote it (facts filled in verbatim)
 * @param provider the provider that wrote it, or null for a draft
 * @param model the model that wrote it, or null for a draft
 * @param letterJson the parts of its letter layout, JSON, or null when it has none
 * @param createdAt when it was stored
 */
public record GeneratedDocRow(
    String id,
    String agentId,
    String userId,
    String kind,
    String language,
    String title,
    String content,
    int version,
    @Nullable String parentId,
    String inputsJson,
    String factsJson,
    String flagsJson,
    boolean draft,
    @Nullable String provider,
    @Nullable String model,
    @Nullable String letterJson,
    Instant createdAt) {
  /** Validates the required fields. */
  public GeneratedDocRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(inputsJson, "inputsJson");
    Objects.requireNonNull(factsJson, "factsJson");
    Objects.requireNonNull(flagsJson, "flagsJson");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Does not print the content: it is personal data. */
  @Override
  public String toString() {
    return "GeneratedDocRow[id=" + id + ", kind=" + kind + ", version=" + version + "]";
  }
}
