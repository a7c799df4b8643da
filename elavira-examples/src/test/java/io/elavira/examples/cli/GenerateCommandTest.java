package io.elavira.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.ingest.docx.DocxParser;
import io.elavira.ingest.pdf.PdfParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code elavira generate|generated|profile} on a home holding the sample CV, against a WireMock
 * server answering as Ollama's /api/chat does (non-streaming body of docs/api.md, the JSON of a
 * structured answer in message.content), and offline.
 */
class GenerateCommandTest {
  private static final Path EXAMPLES = Path.of("..", "docs", "examples");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, String> FR =
      Map.of(
          "opening", "Votre offre d'ingénieur·e backend Java correspond à mon parcours.",
          "experience",
              "Chez Veloria Santé depuis 2021, j'ai conçu l'API de prise de rendez-vous utilisée"
                  + " par 1 200 cabinets médicaux.",
          "skills", "Je maîtrise Java, Spring Boot, PostgreSQL et Docker.",
          "closing", "Je serais heureuse d'en discuter lors d'un entretien.",
          "summary", "Ingénieure logicielle backend, je conçois des API en Java pour la santé.",
          "message", "Ingénieure logicielle senior chez Veloria Santé, je vous joins mon CV.");
  private static final Map<String, String> EN =
      Map.of(
          "opening", "Your backend engineer opening matches my background.",
          "experience",
              "At Veloria Santé since 2021, I designed the appointment booking API used by 1 200"
                  + " medical practices.",
          "skills", "I work with Java, Spring Boot, PostgreSQL and Docker.",
          "closing", "I would be glad to discuss this in an interview.",
          "summary", "Backend software engineer building Java APIs for healthcare.",
          "message", "As a senior software engineer at Veloria Santé, I attach my CV.");

  @TempDir static Path dir;
  static Path home;
  static WireMockServer ollama;

  @BeforeAll
  static void ingestTheSampleCvAndStartOllama() throws Exception {
    home = dir.resolve("home");
    Path docs = Files.createDirectories(dir.resolve("docs"));
    Files.copy(EXAMPLES.resolve("cv-camille-martin.md"), docs.resolve("cv-camille-martin.md"));
    CliRun ingest = CliRun.run("ingest", "--home", home.toString(), docs.toString());
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();

    ollama = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    ollama.start();
    ollama.stubFor(
        get(urlPathEqualTo("/api/tags"))
            .willReturn(json("{\"models\":[{\"name\":\"llama3.2:latest\"}]}")));
    ollama.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withBody("Ollama is running")));
    // The profile schema: an answer without a valid fact, so the CV rules read the profile.
    ollama.stubFor(
        post(urlPathEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.format.properties.facts"))
            .willReturn(json(chat("{\"facts\": []}"))));
    for (String section : FR.keySet()) {
      for (boolean french : new boolean[] {true, false}) {
        ollama.stubFor(
            post(urlPathEqualTo("/api/chat"))
                .atPriority(french ? 1 : 2)
                .withRequestBody(matchingJsonPath("$.format.properties." + section))
                .withRequestBody(containing(french ? "Write in French" : "Write in English"))
                .willReturn(json(chat(sections(french ? FR : EN, section)))));
      }
    }
  }

  @AfterAll
  static void stop() {
    if (ollama != null) {
      ollama.stop();
    }
  }

  /** The sections a template of the stubbed kind asks for, all of them answered. */
  private static String sections(Map<String, String> texts, String oneOf) {
    ObjectNode o = JSON.createObjectNode();
    String[] kinds = {"opening,experience,skills,closing", "summary", "message,closing"};
    for (String kind : kinds) {
      if ((kind + ",").contains(oneOf + ",")) {
        for (String s : kind.split(",")) {
          o.put(s, texts.get(s));
        }
      }
    }
    return o.toString();
  }

  /** A non-streaming /api/chat answer of Ollama (docs/api.md, "Chat request (No streaming)"). */
  private static String chat(String content) {
    ObjectNode o = JSON.createObjectNode();
    o.put("model", "llama3.2");
    o.put("created_at", "2026-11-30T09:00:00.000000Z");
    o.putObject("message").put("role", "assistant").put("content", content);
    o.put("done_reason", "stop");
    o.put("done", true);
    o.put("total_duration", 4883583458L);
    o.put("load_duration", 1334875);
    o.put("prompt_eval_count", 26);
    o.put("prompt_eval_duration", 342546000);
    o.put("eval_count", 282);
    o.put("eval_duration", 4535599000L);
    return o.toString();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String job(String lang) {
    return EXAMPLES
        .resolve(lang.equals("fr") ? "offre-ingenieur-backend.md" : "job-offer-backend-engineer.md")
        .toString();
  }

  private static String idOf(CliRun run) {
    Matcher m = Pattern.compile("(?m)^([0-9a-f]{12})  v").matcher(run.out());
    assertThat(m.find()).as(run.toString()).isTrue();
    return m.group(1);
  }

  @ParameterizedTest
  @CsvSource({"cover-letter,fr", "cover-letter,en", "cv,fr", "cv,en", "email,fr", "email,en"})
  void generatesEachKindInBothLanguagesThroughTheModel(String kind, String lang) throws Exception {
    Path out = dir.resolve(kind + "-" + lang + ".md");

    CliRun run =
        CliRun.run(
            "generate",
            kind,
            "--home",
            home.toString(),
            "--job",
            job(lang),
            "--lang",
            lang,
            "--llm-url",
            ollama.baseUrl(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Map<String, String> texts = lang.equals("fr") ? FR : EN;
    String firstSection =
        switch (kind) {
          case "cover-letter" -> "experience";
          case "cv" -> "summary";
          default -> "message";
        };
    assertThat(text).contains(texts.get(firstSection)).contains("Camille Martin");
    assertThat(text)
        .contains(
            switch (kind + "." + lang) {
              case "cover-letter.fr" -> "Madame, Monsieur,";
              case "cover-letter.en" -> "Dear Hiring Manager,";
              case "cv.fr" -> "## Expérience professionnelle";
              case "cv.en" -> "## Experience";
              case "email.fr" -> "Bien cordialement,";
              default -> "Best regards,";
            });
    assertThat(run.out())
        .contains("facts used, from cv-camille-martin.md")
        .contains("every name, date, degree and figure is found in your sources")
        .doesNotContain("DRAFT");
  }

  @Test
  void offlineWritesADraftOfTheFactsVerbatimAndSaysSo() throws Exception {
    Path out = dir.resolve("draft.md");

    CliRun run =
        CliRun.run(
            "generate",
            "cover-letter",
            "--home",
            home.toString(),
            "--job",
            job("fr"),
            "--lang",
            "fr",
            "--to",
            "Mme Claire Dubois",
            "--offline",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("DRAFT: no language model is configured");
    assertThat(Files.readString(out, StandardCharsets.UTF_8))
        .contains("Mme Claire Dubois")
        .contains("- Ingénieure logicielle senior — Veloria Santé (janv. 2021 – présent)");
  }

  @Test
  void listsShowsAndComparesTheStoredVersions() {
    CliRun first =
        CliRun.run(
            "generate",
            "email",
            "--home",
            home.toString(),
            "--job",
            job("en"),
            "--lang",
            "en",
            "--offline",
            "--out",
            dir.resolve("e1.md").toString());
    CliRun second =
        CliRun.run(
            "generate",
            "email",
            "--home",
            home.toString(),
            "--job",
            job("en"),
            "--lang",
            "en",
            "--llm-url",
            ollama.baseUrl(),
            "--out",
            dir.resolve("e2.md").toString());
    String a = idOf(first);
    String b = idOf(second);

    CliRun list = CliRun.run("generated", "list", "--home", home.toString());
    CliRun show = CliRun.run("generated", "show", a, "--home", home.toString());
    CliRun compare = CliRun.run("generated", "compare", a, b, "--home", home.toString());

    assertThat(list.out()).contains(a + "  v1  email  en  draft").contains(b + "  v1  email  en");
    assertThat(show.out())
        .contains("**Subject: Application — Backend Engineer (Java)**")
        .contains("Facts used:")
        .contains("[EXPERIENCE] Ingénieure logicielle senior — Veloria Santé")
        .contains("(cv-camille-martin.md #");
    assertThat(compare.out())
        .contains("  **Subject: Application — Backend Engineer (Java)**")
        .contains("+ " + EN.get("message"))
        .contains("- I am applying for the Backend Engineer (Java) position");
  }

  @Test
  void showsTheProfileWithSourcesAndKeepsTheUsersCorrection() throws Exception {
    CliRun shown = CliRun.run("profile", "show", "--home", home.toString());
    CliRun asJson = CliRun.run("profile", "show", "--json", "--home", home.toString());
    JsonNode profile = JSON.readTree(asJson.out());
    for (JsonNode fact : profile.path("facts")) {
      if (fact.path("text").asText().equals("Ingénieure logicielle backend")) {
        ((ObjectNode) fact).put("text", "Ingénieure backend Java");
        ((ObjectNode) fact.path("fields")).put("headline", "Ingénieure backend Java");
      }
    }
    Path edited = dir.resolve("profile.json");
    Files.writeString(edited, profile.toString());
    CliRun edit = CliRun.run("profile", "edit", edited.toString(), "--home", home.toString());
    CliRun after = CliRun.run("profile", "show", "--home", home.toString());

    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out())
        .contains("EXPERIENCE:")
        .contains("Développeuse Java — Banque Rhodanienne (2018 – 2020)  (cv-camille-martin.md #");
    assertThat(edit.out()).contains("Stored your corrections as profile version");
    assertThat(after.out()).contains("Ingénieure backend Java  [corrected]");
  }

  @ParameterizedTest
  @CsvSource({
    "cover-letter,fr,docx",
    "cover-letter,en,pdf",
    "cv,fr,pdf",
    "cv,en,docx",
    "email,fr,pdf",
    "email,en,docx",
    "cover-letter,fr,pdf",
    "cv,en,pdf",
    "cover-letter,en,docx",
    "cv,fr,docx",
    "email,fr,docx",
    "email,en,pdf"
  })
  void exportsToWordAndPdfThatReopenWithTheProjectsParsers(String kind, String lang, String ext)
      throws Exception {
    Path out = dir.resolve(kind + "-" + lang + "." + ext);

    CliRun run =
        CliRun.run(
            "generate",
            kind,
            "--home",
            home.toString(),
            "--job",
            job(lang),
            "--lang",
            lang,
            "--to",
            "Claire Dubois",
            "--llm-url",
            ollama.baseUrl(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    DocumentParser parser = ext.equals("pdf") ? new PdfParser() : new DocxParser();
    Document parsed;
    try (InputStream in = Files.newInputStream(out)) {
      parsed = parser.parse(in, out.getFileName().toString());
    }
    String text = parsed.text().replaceAll("\\s+", " ");
    Map<String, String> texts = lang.equals("fr") ? FR : EN;
    for (String section :
        kind.equals("cv")
            ? new String[] {"summary"}
            : kind.equals("email")
                ? new String[] {"message", "closing"}
                : new String[] {"opening", "experience", "skills", "closing"}) {
      assertThat(text).contains(texts.get(section).replaceAll("\\s+", " "));
    }
    assertThat(text).contains("Camille Martin");
    if (kind.equals("cover-letter")) {
      assertThat(text)
          .contains("Claire Dubois")
          .containsPattern(
              lang.equals("fr")
                  ? "Lyon, le \\d{1,2} \\p{L}+ \\d{4}"
                  : "Lyon, \\d{1,2} \\p{L}+ \\d{4}")
          .contains(lang.equals("fr") ? "Objet : Candidature" : "Subject: Application");
    }
    if (kind.equals("cv")) {
      assertThat(text)
          .contains("Veloria Santé")
          .contains(lang.equals("fr") ? "Expérience professionnelle" : "Experience");
    }
  }

  @Test
  void anExtensionThatNamesNoFormatIsAUsageError() {
    CliRun txt =
        CliRun.run(
            "generate",
            "cv",
            "--home",
            home.toString(),
            "--job",
            job("en"),
            "--lang",
            "en",
            "--offline",
            "--out",
            dir.resolve("cv.txt").toString());

    assertThat(txt.exitCode()).isEqualTo(2);
    assertThat(txt.err()).contains("name a .md, .docx or .pdf file");
  }
}
