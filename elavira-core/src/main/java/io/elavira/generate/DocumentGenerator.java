package io.elavira.generate;

import io.elavira.Source;
import io.elavira.generate.internal.FactSelector;
import io.elavira.generate.internal.GeneratedRows;
import io.elavira.generate.internal.LetterLayout;
import io.elavira.generate.internal.LineDiff;
import io.elavira.generate.internal.SectionWriter;
import io.elavira.generate.internal.TemplateScope;
import io.elavira.generate.internal.TextNormal;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.retrieval.Retriever;
import io.elavira.store.ElaviraStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes cover letters, tailored CVs and emails from a person's own data, checks them, and stores
 * them with versions.
 *
 * <pre>{@code
 * DocumentGenerator generator = DocumentGenerator.builder(store, agent.agentId())
 *     .retriever(q -> agent.retrieve(q.userId(), q.text(), q.topK()))   // the agent's retrieval
 *     .llm(provider)                                                    // the agent's chain
 *     .build();
 * GeneratedDocument letter = generator.generate("alice",
 *     GenerationRequest.of(DocumentKind.COVER_LETTER, "fr", jobOffer));
 * letter.flags();   // statements no source supports: reject, regenerate, or show them
 * }</pre>
 *
 * <p><b>How.</b> The person's latest profile ({@link Profiles}; extracted first when none is
 * stored) and the passages the retriever finds for the job offer give the relevant facts; the model
 * writes the template's sections from them (structured output), and the template lays them out.
 * Without a model, or when it fails or does not follow the section schema, the sections are the
 * template's fixed draft texts followed by the facts verbatim, and the document is a {@linkplain
 * GeneratedDocument#draft() draft} saying why. Either way the facts used keep their sources, and a
 * {@link ClaimCheck} flags every name, date, degree and figure that neither the profile, the
 * passages, the job offer nor the template supports. Every document is stored ({@code
 * generated_docs}) with its inputs, facts and flags; {@link #regenerate} stores a new version.
 *
 * <p>Immutable and thread-safe; it owns nothing it is given (store, model, retriever).
 */
public final class DocumentGenerator {
  /** Default for {@link Builder#topK(int)}: passages retrieved for the job offer. */
  public static final int DEFAULT_TOP_K = 8;

  /** The most characters of the job offer used as the retrieval query. */
  private static final int QUERY_CHARS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(DocumentGenerator.class);

  private final ElaviraStore store;
  private final String agentId;
  private final Profiles profiles;
  private final @Nullable Retriever retriever;
  private final @Nullable LlmProvider llm;
  private final Templates templates;
  private final Clock clock;
  private final int topK;

  private DocumentGenerator(Builder b) {
    this.store = b.store;
    this.agentId = b.agentId;
    this.llm = b.llm;
    this.retriever = b.retriever;
    this.templates = b.templates == null ? Templates.builtIn() : b.templates;
    this.clock = b.clock == null ? Clock.systemDefaultZone() : b.clock;
    this.topK = b.topK;
    if (b.profiles != null) {
      this.profiles = b.profiles;
    } else {
      Profiles.Builder p = Profiles.builder(store, agentId);
      if (llm != null) {
        p.llm(llm);
      }
      this.profiles = p.build();
    }
  }

  /**
   * A builder over a store and an agent.
   *
   * @throws IllegalArgumentException when {@code agentId} is blank
   */
  public static Builder builder(ElaviraStore store, String agentId) {
    return new Builder(store, agentId);
  }

  /**
   * Generates and stores a first version.
   *
   * @param userId the person it is written for (their profile and documents)
   * @throws GenerateException when the named template does not exist or does not fit the request
   * @throws io.elavira.ElaviraException when the database or the retrieval fails
   */
  public GeneratedDocument generate(String userId, GenerationRequest request) {
    return generate(userId, request, 1, null);
  }

  /**
   * Generates a new version of a stored document from the same inputs (and the profile as it is
   * now), stored with the old one as parent.
   *
   * @throws GenerateException when no document of this agent has that id
   */
  public GeneratedDocument regenerate(String userId, String id) {
    GeneratedDocument old =
        find(id)
            .orElseThrow(
                () ->
                    new GenerateException(
                        "No generated document has the id " + id + "; list them first."));
    return generate(userId, old.request(), old.version() + 1, old.id());
  }

  /** The user's generated documents, newest first. */
  public List<GeneratedDocument> list(String userId) {
    return store.generation().generatedFor(agentId, userId).stream()
        .map(GeneratedRows::document)
        .toList();
  }

  /** A generated document of this agent by id, or empty. */
  public Optional<GeneratedDocument> find(String id) {
    Objects.requireNonNull(id, "id");
    return store.generation().generated(agentId, id).map(GeneratedRows::document);
  }

  /**
   * A line diff between two stored versions: unchanged lines start with two spaces, lines only in
   * {@code idA} with "- ", lines only in {@code idB} with "+ ".
   *
   * @throws GenerateException when either id is unknown
   */
  public List<String> compare(String idA, String idB) {
    GeneratedDocument a = require(idA);
    GeneratedDocument b = require(idB);
    return LineDiff.diff(a.content(), b.content());
  }

  private GeneratedDocument require(String id) {
    return find(id)
        .orElseThrow(() -> new GenerateException("No generated document has the id " + id + "."));
  }

  private GeneratedDocument generate(
      String userId, GenerationRequest request, int version, @Nullable String parentId) {
    Objects.requireNonNull(request, "request");
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank, got '" + userId + "'");
    }
    Template template = template(request);
    Profile profile = profiles.latestOrExtract(userId).profile();
    List<Source> retrieved = retrieve(userId, request.jobOffer());
    List<Fact> facts = FactSelector.select(profile, request.kind(), request.jobOffer(), retrieved);
    List<FactSource> passages = passages(retrieved, facts);
    LocalDate today = LocalDate.now(clock);
    Map<String, Object> scope = TemplateScope.of(facts, request, today);
    if (template.salutation() != null) {
      scope.put(
          "salutation", templates.renderText(template, "salutation", template.salutation(), scope));
    }
    if (template.subject() != null) {
      scope.put("subject", templates.renderText(template, "subject", template.subject(), scope));
    }
    String person = Objects.toString(scope.get("name"), "the candidate");

    Map<String, String> sections = null;
    String reason = null;
    String provider = null;
    String model = null;
    if (llm == null) {
      reason = "no language model is configured";
    } else {
      try {
        SectionWriter.Written written =
            SectionWriter.withModel(llm, template, request, person, facts, passages);
        if (written == null) {
          reason = "the model's answer did not follow the sections' JSON schema";
        } else {
          sections = written.sections();
          provider = written.provider();
          model = written.model();
        }
      } catch (LlmException e) {
        reason = "the model failed (" + e.kind() + ")";
        LOG.info("Generation falls back to a draft: {} ({})", reason, e.provider());
      }
    }
    boolean draft = sections == null;
    if (sections == null) {
      Map<String, Object> draftScope = scope;
      sections =
          SectionWriter.draft(
              template, facts, text -> templates.renderText(template, "draft", text, draftScope));
    }
    scope.putAll(sections);
    String body = templates.render(template, scope).strip() + "\n";
    Letter letter = template.letter() ? LetterLayout.letter(scope, body, template) : null;
    String content = letter == null ? body : LetterLayout.markdown(letter, template.language());
    String title = LetterLayout.title(request, scope);

    List<String> supporting =
        GeneratedRows.supportingTexts(
            request, template, Objects.toString(scope.get("date"), ""), passages);
    List<ClaimFlag> flags = ClaimCheck.against(profile, supporting).flags(content);

    GeneratedDocument doc =
        new GeneratedDocument(
            TextNormal.id(UUID.randomUUID().toString()),
            version,
            parentId,
            request,
            title,
            content,
            letter,
            draft,
            reason,
            facts,
            passages,
            flags,
            provider,
            model,
            clock.instant());
    store.generation().addGenerated(GeneratedRows.row(doc, agentId, userId, template.name()));
    LOG.debug(
        "Generated {} ({} facts, {} passages, {} flags, draft={})",
        doc,
        facts.size(),
        passages.size(),
        flags.size(),
        draft);
    return doc;
  }

  private Template template(GenerationRequest request) {
    if (request.template() == null) {
      return templates.find(request.kind(), request.language());
    }
    Template t =
        templates
            .named(request.template())
            .orElseThrow(
                () ->
                    new GenerateException(
                        "No template is named '"
                            + request.template()
                            + "'; known: "
                            + templates.all().stream().map(Template::name).toList()));
    if (t.kind() != request.kind() || !t.language().equals(request.language())) {
      throw new GenerateException(
          "Template "
              + t.name()
              + " makes a "
              + t.kind().id()
              + " in "
              + t.language()
              + ", not a "
              + request.kind().id()
              + " in "
              + request.language());
    }
    return t;
  }

  private List<Source> retrieve(String userId, String jobOffer) {
    if (retriever == null) {
      return List.of();
    }
    String query = jobOffer.length() > QUERY_CHARS ? jobOffer.substring(0, QUERY_CHARS) : jobOffer;
    return retriever.retrieve(new RetrievalQuery(agentId, userId, query, topK, 0.0));
  }

  /** The retrieved passages that are not already the source of a fact used. */
  private static List<FactSource> passages(List<Source> retrieved, List<Fact> facts) {
    Map<String, Boolean> used = new HashMap<>();
    for (Fact f : facts) {
      if (f.source() != null) {
        used.put(f.source().documentId() + "#" + f.source().chunk(), true);
      }
    }
    List<FactSource> out = new ArrayList<>();
    for (Source s : retrieved) {
      if (!used.containsKey(s.documentId() + "#" + s.chunk())) {
        out.add(new FactSource(s.documentId(), s.document(), s.page(), s.chunk(), s.text()));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "DocumentGenerator[agent="
        + agentId
        + ", llm="
        + (llm == null ? "none" : llm.name())
        + ", retrieval="
        + (retriever != null)
        + "]";
  }

  /**
   * Configures a {@link DocumentGenerator}. Each option may be set once; values are checked at
   * once. Not thread-safe.
   */
  public static final class Builder {
    private final ElaviraStore store;
    private final String agentId;
    private @Nullable Profiles profiles;
    private @Nullable Retriever retriever;
    private @Nullable LlmProvider llm;
    private @Nullable Templates templates;
    private @Nullable Clock clock;
    private int topK = DEFAULT_TOP_K;
    private boolean topKSet;

    private Builder(ElaviraStore store, String agentId) {
      this.store = Objects.requireNonNull(store, "store");
      Objects.requireNonNull(agentId, "agentId");
      if (agentId.isBlank()) {
        throw new IllegalArgumentException("agentId must not be blank");
      }
      this.agentId = agentId;
    }

    /** The profiles to read (default: over the same store and agent, with the same model). */
    public Builder profiles(Profiles profiles) {
      once(this.profiles, "profiles");
      this.profiles = Objects.requireNonNull(profiles, "profiles");
      return this;
    }

    /** Finds passages for the job offer: the agent's retrieval. Without one, only the profile. */
    public Builder retriever(Retriever retriever) {
      once(this.retriever, "retriever");
      this.retriever = Objects.requireNonNull(retriever, "retriever");
      return this;
    }

    /** The model (the agent's provider chain). Without one, every document is a draft. */
    public Builder llm(LlmProvider llm) {
      once(this.llm, "llm");
      this.llm = Objects.requireNonNull(llm, "llm");
      return this;
    }

    /** The templates (default: {@link Templates#builtIn()}). */
    public Builder templates(Templates templates) {
      once(this.templates, "templates");
      this.templates = Objects.requireNonNull(templates, "templates");
      return this;
    }

    /** The clock giving the date of letters and documents (default: the system's, local zone). */
    public Builder clock(Clock clock) {
      once(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Passages retrieved for the job offer, 1 to 50. */
    public Builder topK(int topK) {
      if (topKSet) {
        throw new IllegalStateException("topK was already set to " + this.topK);
      }
      if (topK < 1 || topK > 50) {
        throw new IllegalArgumentException("topK must be in [1, 50], got " + topK);
      }
      this.topK = topK;
      this.topKSet = true;
      return this;
    }

    /** The immutable, thread-safe generator. */
    public DocumentGenerator build() {
      return new DocumentGenerator(this);
    }

    private static void once(@Nullable Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
