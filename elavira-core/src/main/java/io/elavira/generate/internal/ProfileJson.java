package io.elavira.generate.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.generate.Fact;
import io.elavira.generate.FactSource;
import io.elavira.generate.GenerateException;
import io.elavira.generate.Profile;
import io.elavira.generate.ProfileSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Profiles and facts to and from JSON: the stored form, the form {@code elavira profile
 * show --json} prints and {@code profile edit} reads back. A fact without an id (added by hand)
 * gets one from its section and text. Thread-safe.
 */
public final class ProfileJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ProfileJson() {}

  /** The shared mapper (configured once, never changed). */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /** A profile as indented JSON text. */
  public static String write(Profile profile) {
    return write(profile, null);
  }

  /** A profile as indented JSON text, with how it was made ({@code origin}) when not null. */
  public static String write(Profile profile, @Nullable String origin) {
    ObjectNode root = JSON.createObjectNode();
    if (origin != null) {
      root.put("origin", origin);
    }
    root.set("facts", facts(profile.facts()));
    ArrayNode suppressed = root.putArray("suppressed");
    profile.suppressed().forEach(suppressed::add);
    return text(root);
  }

  /** Facts as a JSON array. */
  public static ArrayNode facts(List<Fact> facts) {
    ArrayNode array = JSON.createArrayNode();
    for (Fact f : facts) {
      array.add(fact(f));
    }
    return array;
  }

  /** One fact as a JSON object. */
  public static ObjectNode fact(Fact f) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", f.id());
    o.put("section", f.section().name());
    o.put("text", f.text());
    ObjectNode fields = o.putObject("fields");
    f.fields().forEach(fields::put);
    ArrayNode details = o.putArray("details");
    f.details().forEach(details::add);
    FactSource s = f.source();
    if (s != null) {
      ObjectNode src = o.putObject("source");
      src.put("documentId", s.documentId());
      src.put("document", s.document());
      if (s.page() != null) {
        src.put("page", s.page());
      }
      src.put("chunk", s.chunk());
      src.put("passage", s.passage());
    }
    o.put("corrected", f.corrected());
    return o;
  }

  /** JSON text of a node. */
  public static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a profile.
   *
   * @param what names the text in errors ("profile version 3", "file edited.json")
   * @throws GenerateException naming {@code what} and the field when the JSON is not a profile
   */
  public static Profile read(String json, String what) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new GenerateException(
          "The " + what + " is not valid JSON (" + e.getOriginalMessage() + "); fix it and retry.",
          e);
    }
    if (root == null || !root.isObject() || !root.path("facts").isArray()) {
      throw new GenerateException(
          "The " + what + " is not a profile: expected an object with a \"facts\" array.");
    }
    List<Fact> facts = new ArrayList<>();
    int i = 0;
    for (JsonNode f : root.path("facts")) {
      facts.add(readFact(f, what + ", fact " + i++));
    }
    List<String> suppressed = new ArrayList<>();
    root.path("suppressed").forEach(s -> suppressed.add(s.asText()));
    return new Profile(facts, suppressed);
  }

  /** The {@code origin} a profile's JSON records, or {@code fallback}. */
  public static String origin(String json, String fallback) {
    try {
      JsonNode root = JSON.readTree(json);
      return root == null ? fallback : root.path("origin").asText(fallback);
    } catch (JsonProcessingException e) {
      return fallback;
    }
  }

  /** Reads a fact array (as {@link #facts(List)} wrote it). */
  public static List<Fact> readFacts(String json, String what) {
    try {
      JsonNode root = JSON.readTree(json);
      List<Fact> facts = new ArrayList<>();
      int i = 0;
      if (root != null) {
        for (JsonNode f : root) {
          facts.add(readFact(f, what + ", fact " + i++));
        }
      }
      return facts;
    } catch (JsonProcessingException e) {
      throw new GenerateException("The " + what + " is not valid JSON", e);
    }
  }

  private static Fact readFact(JsonNode f, String what) {
    String sectionName = f.path("section").asText("").toUpperCase(Locale.ROOT);
    ProfileSection section;
    try {
      section = ProfileSection.valueOf(sectionName);
    } catch (IllegalArgumentException e) {
      throw new GenerateException(
          "In the "
              + what
              + ": section '"
              + sectionName
              + "' is not one of IDENTITY, CONTACT, EXPERIENCE, EDUCATION, SKILL, LANGUAGE,"
              + " PROJECT.",
          e);
    }
    String text = f.path("text").asText("").strip();
    if (text.isEmpty()) {
      throw new GenerateException("In the " + what + ": \"text\" is missing or blank.");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    f.path("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
    List<String> details = new ArrayList<>();
    f.path("details").forEach(d -> details.add(d.asText()));
    String id = f.path("id").asText("");
    if (id.isBlank()) {
      id = TextNormal.id(section + "|" + TextNormal.of(text));
    }
    return new Fact(
        id,
        section,
        text,
        fields,
        details,
        source(f.path("source")),
        f.path("corrected").asBoolean());
  }

  private static @Nullable FactSource source(JsonNode s) {
    if (!s.isObject() || !s.hasNonNull("documentId")) {
      return null;
    }
    return new FactSource(
        s.path("documentId").asText(),
        s.path("document").asText(""),
        s.hasNonNull("page") ? s.path("page").asInt() : null,
        s.path("chunk").asInt(),
        s.path("passage").asText(""));
  }
}
