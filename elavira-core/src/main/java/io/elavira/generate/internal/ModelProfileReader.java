package io.elavira.generate.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.generate.Fact;
import io.elavira.generate.FactSource;
import io.elavira.generate.ProfileSection;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.JsonSchema;
import io.elavira.llm.LlmProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Extracts a profile with a language model through structured output: the passages are
 * numbered, the model answers JSON following {@link #SCHEMA} and cites the passage of every fact.
 * The answer is validated: a fact with an unknown section, a blank text, a passage number out of
 * range, or a name, date, degree or figure its cited passage does not hold is dropped. Thread-safe.
 */
public final class ModelProfileReader {
  /** The fields a fact may carry, as the schema names them. */
  private static final List<String> FIELDS =
      List.of(
          Fact.NAME,
          Fact.HEADLINE,
          Fact.CONTACT_TYPE,
          Fact.VALUE,
          Fact.EMPLOYER,
          Fact.ROLE,
          Fact.START,
          Fact.END,
          Fact.DEGREE,
          Fact.SCHOOL,
          Fact.LEVEL,
          Fact.DESCRIPTION);

  /** The JSON schema of the answer. */
  public static final JsonSchema SCHEMA = new JsonSchema("elavira_profile", schema());

  private static final String INSTRUCTIONS =
      "You extract a person's profile (CV facts) from numbered passages of their own documents."
          + " Return JSON only. One fact per identity line, contact item, job, degree, skill,"
          + " language or project. Copy names, employers, schools, degrees, dates and figures"
          + " exactly as the passage writes them; never add anything the passages do not say."
          + " Dates: \"YYYY\" or \"YYYY-MM\"; \"present\" for a job not ended. Give in \"passage\""
          + " the number of the passage each fact comes from. Contact \"type\" is one of email,"
          + " phone, link, location. Put an experience's achievements in \"details\".";

  private final LlmProvider llm;
  private final int maxPassageChars;

  /** A reader over {@code llm}, sending at most {@code maxPassageChars} of passages. */
  public ModelProfileReader(LlmProvider llm, int maxPassageChars) {
    this.llm = Objects.requireNonNull(llm, "llm");
    this.maxPassageChars = maxPassageChars;
  }

  /** What the model gave: the valid facts and how many were dropped. */
  public record Result(List<Fact> facts, int dropped, String provider, String model) {}

  /**
   * Asks the model for the facts of {@code passages} (CVs first: the caller orders them).
   *
   * @throws io.elavira.llm.LlmException when the model fails
   * @return null when the answer is not JSON following the schema
   */
  public @Nullable Result read(List<FactSource> passages) {
    List<FactSource> sent = new ArrayList<>();
    StringBuilder prompt = new StringBuilder();
    int chars = 0;
    for (FactSource p : passages) {
      if (chars + p.passage().length() > maxPassageChars && !sent.isEmpty()) {
        break;
      }
      sent.add(p);
      chars += p.passage().length();
      prompt
          .append("[passage ")
          .append(sent.size())
          .append(" — ")
          .append(p.reference())
          .append("]\n")
          .append(p.passage())
          .append("\n\n");
    }
    ChatRequest request =
        ChatRequest.builder(
                List.of(ChatMessage.system(INSTRUCTIONS), ChatMessage.user(prompt.toString())))
            .temperature(0)
            .jsonSchema(SCHEMA)
            .build();
    ChatResponse response = llm.chat(request);
    JsonNode root = StructuredAnswer.parse(response);
    if (root == null || !root.path("facts").isArray()) {
      return null;
    }
    List<Fact> facts = new ArrayList<>();
    int dropped = 0;
    Map<Integer, ClaimScanner> scanners = new HashMap<>();
    for (JsonNode f : root.path("facts")) {
      Fact fact = fact(f, sent, scanners);
      if (fact == null) {
        dropped++;
      } else {
        facts.add(fact);
      }
    }
    return new Result(facts, dropped, llm.name(), response.model());
  }

  private static @Nullable Fact fact(
      JsonNode f, List<FactSource> sent, Map<Integer, ClaimScanner> scanners) {
    ProfileSection section;
    try {
      section = ProfileSection.valueOf(f.path("section").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
    String text = f.path("text").asText("").strip();
    int passage = f.path("passage").asInt(0);
    if (text.isEmpty() || passage < 1 || passage > sent.size()) {
      return null;
    }
    FactSource source = sent.get(passage - 1);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String name : FIELDS) {
      String value = f.path(name).asText("").strip();
      if (!value.isEmpty()) {
        fields.put(name, value);
      }
    }
    List<String> details = new ArrayList<>();
    f.path("details").forEach(d -> details.add(d.asText("").strip()));
    details.removeIf(String::isEmpty);
    ClaimScanner scanner =
        scanners.computeIfAbsent(passage, k -> new ClaimScanner(List.of(source.passage())));
    StringBuilder claims = new StringBuilder(text);
    fields.forEach(
        (k, v) -> {
          if (!k.equals(Fact.START) && !k.equals(Fact.END)) {
            claims.append('\n').append(v);
          }
        });
    details.forEach(d -> claims.append('\n').append(d));
    String start = fields.get(Fact.START);
    if (start != null) {
      claims.append('\n').append(start.length() >= 4 ? start.substring(0, 4) : start);
    }
    if (!scanner.scan(claims.toString()).isEmpty()) {
      return null; // a name, date, degree or figure the cited passage does not hold
    }
    return new Fact(
        TextNormal.id(section + "|" + TextNormal.of(text)),
        section,
        text,
        fields,
        details,
        source,
        false);
  }

  private static String schema() {
    StringBuilder props = new StringBuilder();
    props.append("\"section\":{\"type\":\"string\",\"enum\":[");
    ProfileSection[] sections = ProfileSection.values();
    for (int i = 0; i < sections.length; i++) {
      props.append(i == 0 ? "" : ",").append('"').append(sections[i].name()).append('"');
    }
    props.append("]},\"text\":{\"type\":\"string\"},\"passage\":{\"type\":\"integer\"},");
    props.append("\"details\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
    for (String f : FIELDS) {
      props.append(",\"").append(f).append("\":{\"type\":\"string\"}");
    }
    return "{\"type\":\"object\",\"properties\":{\"facts\":{\"type\":\"array\",\"items\":"
        + "{\"type\":\"object\",\"properties\":{"
        + props
        + "},\"required\":[\"section\",\"text\",\"passage\"]}}},\"required\":[\"facts\"]}";
  }

  /** Used by {@link StructuredAnswer}: reads JSON text leniently (code fences removed). */
  static @Nullable JsonNode readJson(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      t = nl < 0 ? "" : t.substring(nl + 1);
      if (t.endsWith("```")) {
        t = t.substring(0, t.length() - 3);
      }
    }
    try {
      JsonNode node = ProfileJson.mapper().readTree(t);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
