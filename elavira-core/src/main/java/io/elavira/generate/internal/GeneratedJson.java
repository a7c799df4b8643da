package io.elavira.generate.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.generate.ClaimFlag;
import io.elavira.generate.ClaimType;
import io.elavira.generate.DocumentKind;
import io.elavira.generate.Fact;
import io.elavira.generate.FactSource;
import io.elavira.generate.GenerateException;
import io.elavira.generate.GenerationRequest;
import io.elavira.generate.Length;
import io.elavira.generate.Letter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Not API. The JSON columns of a generated document: inputs, facts and passages, flags, letter. */
public final class GeneratedJson {
  private GeneratedJson() {}

  /** The inputs of a request. */
  public static String inputs(GenerationRequest r, String templateName) {
    ObjectNode o = ProfileJson.mapper().createObjectNode();
    o.put("kind", r.kind().id());
    o.put("language", r.language());
    o.put("jobOffer", r.jobOffer());
    o.put("recipient", r.recipient());
    o.put("tone", r.tone());
    o.put("length", r.length().name());
    o.put("template", r.template());
    o.put("templateUsed", templateName);
    return ProfileJson.text(o);
  }

  /** The request stored by {@link #inputs}. */
  public static GenerationRequest request(String json, String what) {
    JsonNode o = tree(json, what);
    return new GenerationRequest(
        DocumentKind.fromId(o.path("kind").asText()),
        o.path("language").asText(),
        o.path("jobOffer").asText(),
        text(o, "recipient"),
        text(o, "tone"),
        Length.valueOf(o.path("length").asText("MEDIUM").toUpperCase(Locale.ROOT)),
        text(o, "template"));
  }

  /** The facts used and the passages retrieved. */
  public static String facts(List<Fact> facts, List<FactSource> passages) {
    ObjectNode o = ProfileJson.mapper().createObjectNode();
    o.set("facts", ProfileJson.facts(facts));
    ArrayNode p = o.putArray("passages");
    for (FactSource s : passages) {
      ObjectNode n = p.addObject();
      n.put("documentId", s.documentId());
      n.put("document", s.document());
      if (s.page() != null) {
        n.put("page", s.page());
      }
      n.put("chunk", s.chunk());
      n.put("passage", s.passage());
    }
    return ProfileJson.text(o);
  }

  /** The facts stored by {@link #facts}. */
  public static List<Fact> readFacts(String json, String what) {
    return ProfileJson.readFacts(ProfileJson.text(tree(json, what).path("facts")), what);
  }

  /** The passages stored by {@link #facts}. */
  public static List<FactSource> readPassages(String json, String what) {
    List<FactSource> out = new ArrayList<>();
    for (JsonNode n : tree(json, what).path("passages")) {
      out.add(
          new FactSource(
              n.path("documentId").asText(),
              n.path("document").asText(),
              n.hasNonNull("page") ? n.path("page").asInt() : null,
              n.path("chunk").asInt(),
              n.path("passage").asText()));
    }
    return out;
  }

  /** Claim-check flags. */
  public static String flags(List<ClaimFlag> flags) {
    ArrayNode a = ProfileJson.mapper().createArrayNode();
    for (ClaimFlag f : flags) {
      a.addObject()
          .put("type", f.type().name())
          .put("claim", f.claim())
          .put("line", f.line())
          .put("context", f.context());
    }
    return ProfileJson.text(a);
  }

  /** The flags stored by {@link #flags}. */
  public static List<ClaimFlag> readFlags(String json, String what) {
    List<ClaimFlag> out = new ArrayList<>();
    for (JsonNode n : tree(json, what)) {
      out.add(
          new ClaimFlag(
              ClaimType.valueOf(n.path("type").asText()),
              n.path("claim").asText(),
              n.path("line").asInt(),
              n.path("context").asText()));
    }
    return out;
  }

  /** A letter's parts, or null. */
  public static @Nullable String letter(@Nullable Letter l) {
    if (l == null) {
      return null;
    }
    ObjectNode o = ProfileJson.mapper().createObjectNode();
    ArrayNode sender = o.putArray("sender");
    l.sender().forEach(sender::add);
    o.put("recipient", l.recipient());
    o.put("date", l.date());
    o.put("subject", l.subject());
    o.put("body", l.body());
    o.put("signature", l.signature());
    return ProfileJson.text(o);
  }

  /** The letter stored by {@link #letter}, or null. */
  public static @Nullable Letter readLetter(@Nullable String json, String what) {
    if (json == null) {
      return null;
    }
    JsonNode o = tree(json, what);
    List<String> sender = new ArrayList<>();
    o.path("sender").forEach(s -> sender.add(s.asText()));
    return new Letter(
        sender,
        text(o, "recipient"),
        o.path("date").asText(),
        o.path("subject").asText(),
        o.path("body").asText(),
        o.path("signature").asText());
  }

  private static @Nullable String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static JsonNode tree(String json, String what) {
    try {
      JsonNode n = ProfileJson.mapper().readTree(json);
      if (n == null) {
        throw new GenerateException("The " + what + " is empty");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new GenerateException("The " + what + " is not valid JSON", e);
    }
  }
}
