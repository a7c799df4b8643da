package io.elavira.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.generate.ClaimFlag;
import io.elavira.generate.Fact;
import io.elavira.generate.FactSource;
import io.elavira.generate.GeneratedDocument;
import io.elavira.generate.ProfileSection;
import io.elavira.generate.StoredProfile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How generated documents and profiles are shown: a summary, the whole document with its facts and
 * flags, one JSON object, or a profile with its facts.
 */
final class GenerationPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GenerationPrinter() {}

  /** One line: id, version, kind, language, draft, date, title. */
  static String line(GeneratedDocument d) {
    return d.id()
        + "  v"
        + d.version()
        + "  "
        + d.kind().id()
        + "  "
        + d.request().language()
        + (d.draft() ? "  draft" : "  " + d.provider() + "/" + d.model())
        + (d.flags().isEmpty() ? "" : "  " + d.flags().size() + " flag(s)")
        + "  "
        + d.createdAt()
        + "  "
        + d.title();
  }

  /** What a generation produced: where, by whom, from which sources, and the flags. */
  static void summary(GeneratedDocument d, PrintWriter out) {
    out.println(line(d));
    if (d.draft()) {
      out.println(
          "DRAFT: "
              + d.reason()
              + "; the template is filled with your facts verbatim. Edit it before sending.");
    }
    TreeSet<String> documents = new TreeSet<>();
    for (Fact f : d.facts()) {
      if (f.source() != null) {
        documents.add(f.source().document());
      }
    }
    d.passages().forEach(p -> documents.add(p.document()));
    out.println(
        d.facts().size()
            + " facts used, from "
            + (documents.isEmpty() ? "no document" : String.join(", ", documents)));
    flags(d, out);
  }

  /** The flags, one line each, or a line saying every claim is sourced. */
  static void flags(GeneratedDocument d, PrintWriter out) {
    if (d.flags().isEmpty()) {
      out.println("Claim check: every name, date, degree and figure is found in your sources.");
      return;
    }
    out.println(
        "Claim check: "
            + d.flags().size()
            + " statement(s) no source supports — check them, regenerate, or remove them:");
    for (ClaimFlag f : d.flags()) {
      out.println(
          "  line " + f.line() + "  " + f.type() + "  " + f.claim() + "  «" + f.context() + "»");
    }
  }

  /** The whole document: its line, its text, the facts used with their sources, the flags. */
  static void document(GeneratedDocument d, PrintWriter out) {
    out.println(line(d));
    out.println();
    out.print(d.content());
    out.println();
    out.println("Facts used:");
    for (Fact f : d.facts()) {
      out.println("  [" + f.section() + "] " + f.text() + source(f, "  (added by you)"));
    }
    flags(d, out);
  }

  /**
   * A profile: its version and origin, then each section's facts with their sources and details, or
   * how to get facts when there is none.
   */
  static void profile(StoredProfile p, PrintWriter out) {
    out.println(
        "Profile version "
            + p.version()
            + " ("
            + (p.edited() ? "your corrections" : "extracted by " + p.origin())
            + ", "
            + p.createdAt()
            + ")");
    for (ProfileSection section : ProfileSection.values()) {
      List<Fact> facts = p.profile().facts(section);
      if (facts.isEmpty()) {
        continue;
      }
      out.println(section + ":");
      for (Fact f : facts) {
        out.println("  " + f.text() + (f.corrected() ? "  [corrected]" : "") + source(f, ""));
        f.details().forEach(d -> out.println("      - " + d));
      }
    }
    if (p.profile().facts().isEmpty()) {
      out.println(
          "No fact found: ingest a CV with the usual sections (Expérience / Experience, Formation"
              + " / Education, Compétences / Skills, Langues / Languages, Projets / Projects).");
    }
  }

  /** " (cv.pdf p.1)", where a fact comes from, or {@code none} for a fact the user added. */
  private static String source(Fact f, String none) {
    FactSource s = f.source();
    return s == null ? none : "  (" + s.reference() + ")";
  }

  /** The document as one JSON object. */
  static String json(GeneratedDocument d, String out) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("version", d.version());
    m.put("parentId", d.parentId());
    m.put("kind", d.kind().id());
    m.put("language", d.request().language());
    m.put("title", d.title());
    m.put("out", out);
    m.put("draft", d.draft());
    m.put("reason", d.reason());
    m.put("provider", d.provider());
    m.put("model", d.model());
    m.put("createdAt", d.createdAt().toString());
    List<Map<String, Object>> facts = new ArrayList<>();
    for (Fact f : d.facts()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("section", f.section().name());
      fm.put("text", f.text());
      FactSource s = f.source();
      fm.put("document", s == null ? null : s.document());
      fm.put("page", s == null ? null : s.page());
      fm.put("chunk", s == null ? null : s.chunk());
      facts.add(fm);
    }
    m.put("facts", facts);
    List<Map<String, Object>> flags = new ArrayList<>();
    for (ClaimFlag f : d.flags()) {
      flags.add(
          Map.of(
              "type",
              f.type().name(),
              "claim",
              f.claim(),
              "line",
              f.line(),
              "context",
              f.context()));
    }
    m.put("flags", flags);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }
}
