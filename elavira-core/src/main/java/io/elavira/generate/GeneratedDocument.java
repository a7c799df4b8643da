package io.elavira.generate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One version of a generated document, as stored.
 *
 * @param id unique id of this version
 * @param version 1, then one more per regeneration
 * @param parentId the version this one regenerates, or null
 * @param request the inputs it was generated from
 * @param title a short title ("Lettre de motivation — Ingénieur·e backend Java")
 * @param content the document in Markdown
 * @param letter its letter layout, or null when it has none (a CV, an email)
 * @param draft true when no model wrote it: the template filled with the facts verbatim
 * @param reason why it is a draft (no model, the model failed...), or null
 * @param facts the profile facts it used, each with its source passage
 * @param passages the passages retrieved for the job offer and given to the model
 * @param flags the claim check's flags: statements no source supports; empty when all are sourced
 * @param provider the provider that wrote it, or null for a draft
 * @param model the model that wrote it, or null for a draft
 * @param createdAt when it was generated
 */
public record GeneratedDocument(
    String id,
    int version,
    @Nullable String parentId,
    GenerationRequest request,
    String title,
    String content,
    @Nullable Letter letter,
    boolean draft,
    @Nullable String reason,
    List<Fact> facts,
    List<FactSource> passages,
    List<ClaimFlag> flags,
    @Nullable String provider,
    @Nullable String model,
    Instant createdAt) {
  /** Validates and copies. */
  public GeneratedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(createdAt, "createdAt");
    facts = List.copyOf(facts);
    passages = List.copyOf(passages);
    flags = List.copyOf(flags);
  }

  /** The kind of document. */
  public DocumentKind kind() {
    return request.kind();
  }

  /** Does not print the content. */
  @Override
  public String toString() {
    return "GeneratedDocument["
        + id
        + " v"
        + version
        + ", "
        + request.kind().id()
        + ", "
        + request.language()
        + (draft ? ", draft" : "")
        + ", flags="
        + flags.size()
        + "]";
  }
}
