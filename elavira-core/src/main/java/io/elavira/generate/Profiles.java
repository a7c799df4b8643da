package io.elavira.generate;

import io.elavira.generate.internal.CvRules;
import io.elavira.generate.internal.ModelProfileReader;
import io.elavira.generate.internal.ProfileJson;
import io.elavira.generate.internal.SourceLines;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.ElaviraStore;
import io.elavira.store.ProfileRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's versioned profile, extracted from the agent's documents they can see (shared ones and
 * their own), stored in the home's database, and correctable.
 *
 * <pre>{@code
 * Profiles profiles = Profiles.builder(store, "default").llm(provider).build();
 * StoredProfile p = profiles.extract("alice");          // version 1
 * profiles.edit("alice", corrected);                    // version 2, the user's
 * profiles.extract("alice");                            // version 3 keeps the corrections
 * }</pre>
 *
 * <p><b>Extraction.</b> With a model: structured output (a JSON schema), every fact citing its
 * passage, and each fact checked against that passage (one naming what the passage does not hold is
 * dropped). Without a model, when it fails, or when it gives no valid fact: rules reading a CV's
 * usual French and English sections and periods. Each fact keeps its source passage.
 *
 * <p><b>Corrections.</b> {@link #edit} stores the user's version; a later {@link #extract} keeps
 * the facts the user changed or added over the extracted ones and leaves out those they deleted.
 *
 * <p>Immutable and thread-safe; it does not own the store or the model.
 */
public final class Profiles {
  /** Default for {@link Builder#maxPassageChars(int)}: about 6,000 tokens of passages. */
  public static final int DEFAULT_MAX_PASSAGE_CHARS = 24_000;

  private static final Logger LOG = LoggerFactory.getLogger(Profiles.class);

  private final ElaviraStore store;
  private final String agentId;
  private final @Nullable LlmProvider llm;
  private final int maxPassageChars;

  private Profiles(Builder b) {
    this.store = b.store;
    this.agentId = b.agentId;
    this.llm = b.llm;
    this.maxPassageChars = b.maxPassageChars;
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
   * Extracts the profile of {@code userId} from the documents again and stores it as a new version,
   * keeping the user's corrections of the latest version.
   *
   * @return the stored version (an empty profile when no document reads as a CV)
   * @throws io.elavira.ElaviraException when the database fails
   */
  public StoredProfile extract(String userId) {
    requireUser(userId);
    Map<DocumentRecord, List<SourceLines.Line>> documents = documents(userId);
    List<Fact> facts = null;
    String origin = StoredProfile.BY_RULES;
    if (llm != null) {
      try {
        ModelProfileReader.Result result =
            new ModelProfileReader(llm, maxPassageChars).read(passages(documents));
        if (result != null && !result.facts().isEmpty()) {
          facts = result.facts();
          origin = "model:" + result.provider() + "/" + result.model();
          LOG.debug("Profile: {} facts from the model, {} dropped", facts.size(), result.dropped());
        } else {
          LOG.info("The model gave no valid profile JSON; reading the CV sections instead");
        }
      } catch (LlmException e) {
        LOG.info("No model for the profile ({}); reading the CV sections instead", e.kind());
      }
    }
    if (facts == null) {
      facts = new ArrayList<>();
      for (List<SourceLines.Line> lines : documents.values()) {
        facts.addAll(CvRules.read(lines));
      }
    }
    Profile extracted = new Profile(facts, List.of());
    Optional<StoredProfile> previous = latest(userId);
    Profile merged =
        previous.map(p -> extracted.keepingCorrectionsOf(p.profile())).orElse(extracted);
    return stored(
        store.generation().addProfile(agentId, userId, false, ProfileJson.write(merged, origin)));
  }

  /**
   * The latest version of the profile, or empty when none was stored.
   *
   * @throws GenerateException when the stored JSON cannot be read
   */
  public Optional<StoredProfile> latest(String userId) {
    requireUser(userId);
    return store.generation().latestProfile(agentId, userId).map(Profiles::stored);
  }

  /** The latest version, extracting a first one when none was stored. */
  public StoredProfile latestOrExtract(String userId) {
    return latest(userId).orElseGet(() -> extract(userId));
  }

  /** Every version, oldest first. */
  public List<StoredProfile> versions(String userId) {
    requireUser(userId);
    return store.generation().profileVersions(agentId, userId).stream()
        .map(Profiles::stored)
        .toList();
  }

  /**
   * Stores the user's corrected profile as a new version: facts changed or added are marked {@link
   * Fact#corrected()} and kept over later extractions; facts of the latest version left out of
   * {@code edited} are deleted for good.
   *
   * @param edited the whole profile as the user wants it (e.g. {@link #read} of an edited file)
   * @return the stored version
   */
  public StoredProfile edit(String userId, Profile edited) {
    requireUser(userId);
    Objects.requireNonNull(edited, "edited");
    Profile base = latest(userId).map(StoredProfile::profile).orElse(Profile.empty());
    Profile corrected = base.correctedBy(edited);
    return stored(
        store
            .generation()
            .addProfile(
                agentId, userId, true, ProfileJson.write(corrected, StoredProfile.BY_USER)));
  }

  /** A profile as the JSON {@link #read} takes back (for editing in a file). */
  public static String toJson(Profile profile) {
    return ProfileJson.write(profile);
  }

  /**
   * Reads a profile from JSON as {@link #toJson} writes it; a fact without an id is a new one.
   *
   * @param what names the text in error messages, e.g. the file name
   * @throws GenerateException naming {@code what} when the JSON is not a profile
   */
  public static Profile read(String json, String what) {
    return ProfileJson.read(json, what);
  }

  private Map<DocumentRecord, List<SourceLines.Line>> documents(String userId) {
    Map<DocumentRecord, List<SourceLines.Line>> out = new LinkedHashMap<>();
    for (DocumentRecord d : store.documents().list(agentId)) {
      boolean visible = d.ownerId() == null || d.ownerId().equals(userId);
      if (visible && d.status() == DocumentStatus.READY) {
        List<ChunkRecord> chunks = store.documents().chunksOf(d.id());
        out.put(d, SourceLines.of(d, chunks));
      }
    }
    return out;
  }

  /** The chunks to send a model: those of documents with CV headings first. */
  private static List<FactSource> passages(Map<DocumentRecord, List<SourceLines.Line>> documents) {
    List<FactSource> cv = new ArrayList<>();
    List<FactSource> other = new ArrayList<>();
    for (List<SourceLines.Line> lines : documents.values()) {
      boolean isCv = !CvRules.read(lines).isEmpty();
      List<FactSource> into = isCv ? cv : other;
      int lastChunk = -1;
      for (SourceLines.Line l : lines) {
        if (l.source().chunk() != lastChunk) {
          into.add(l.source());
          lastChunk = l.source().chunk();
        }
      }
    }
    cv.addAll(other);
    return cv;
  }

  private static StoredProfile stored(ProfileRow row) {
    String what = "profile version " + row.version() + " of user " + row.userId();
    return new StoredProfile(
        row.version(),
        row.edited(),
        row.createdAt(),
        ProfileJson.origin(
            row.json(), row.edited() ? StoredProfile.BY_USER : StoredProfile.BY_RULES),
        ProfileJson.read(row.json(), what));
  }

  private static void requireUser(String userId) {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank, got '" + userId + "'");
    }
  }

  @Override
  public String toString() {
    return "Profiles[agent=" + agentId + ", llm=" + (llm == null ? "none" : llm.name()) + "]";
  }

  /**
   * Configures {@link Profiles}. Each option may be set once; values are checked at once. Not
   * thread-safe.
   */
  public static final class Builder {
    private final ElaviraStore store;
    private final String agentId;
    private @Nullable LlmProvider llm;
    private int maxPassageChars = DEFAULT_MAX_PASSAGE_CHARS;
    private boolean maxSet;

    private Builder(ElaviraStore store, String agentId) {
      this.store = Objects.requireNonNull(store, "store");
      Objects.requireNonNull(agentId, "agentId");
      if (agentId.isBlank()) {
        throw new IllegalArgumentException("agentId must not be blank");
      }
      this.agentId = agentId;
    }

    /** The model that extracts with structured output; without one, the CV rules are used. */
    public Builder llm(LlmProvider llm) {
      Objects.requireNonNull(llm, "llm");
      if (this.llm != null) {
        throw new IllegalStateException("llm was already set to " + this.llm.name());
      }
      this.llm = llm;
      return this;
    }

    /** The most characters of passages sent to the model, at least 1,000. */
    public Builder maxPassageChars(int maxPassageChars) {
      if (maxSet) {
        throw new IllegalStateException(
            "maxPassageChars was already set to " + this.maxPassageChars);
      }
      if (maxPassageChars < 1_000) {
        throw new IllegalArgumentException(
            "maxPassageChars must be >= 1000, got " + maxPassageChars);
      }
      this.maxPassageChars = maxPassageChars;
      this.maxSet = true;
      return this;
    }

    /** The immutable, thread-safe {@link Profiles}. */
    public Profiles build() {
      return new Profiles(this);
    }
  }
}
