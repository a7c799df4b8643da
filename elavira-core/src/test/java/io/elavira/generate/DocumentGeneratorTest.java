package io.elavira.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.ChatRequest;
import io.elavira.llm.LlmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentGeneratorTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);

  /** Words only the document's fixed parts write, per kind and language. */
  private static final Map<String, List<String>> FIXED =
      Map.of(
          "cover-letter.fr",
          List.of(
              "Madame, Monsieur,",
              "**Objet : Candidature — Ingénieur·e backend Java**",
              "Lyon, le 30 novembre 2026",
              "salutations distinguées"),
          "cover-letter.en",
          List.of(
              "Dear Hiring Manager,",
              "**Subject: Application for the Backend Engineer (Java)" + " position**",
              "Lyon, 30 November 2026",
              "Yours sincerely,"),
          "cv.fr",
          List.of(
              "# Camille Martin",
              "## Expérience professionnelle",
              "## Formation",
              "### Ingénieure logicielle senior — Veloria Santé",
              "*janv. 2021 – présent*"),
          "cv.en",
          List.of("# Camille Martin", "## Experience", "## Education", "*Jan 2021 – present*"),
          "email.fr",
          List.of(
              "**Objet : Candidature — Ingénieur·e backend Java**",
              "Bonjour,",
              "Bien cordialement,"),
          "email.en",
          List.of("**Subject: Application — Backend Engineer (Java)**", "Hello,", "Best regards,"));

  @TempDir Path dir;
  CareerHome home;
  ScriptedProvider model;

  @BeforeEach
  void open() {
    home = new CareerHome(dir);
    model = ScriptedProvider.answering(SectionAnswers::answer);
  }

  @AfterEach
  void close() {
    home.close();
  }

  private DocumentGenerator generator(ScriptedProvider llm) {
    DocumentGenerator.Builder b =
        DocumentGenerator.builder(home.store, home.agent.agentId())
            .profiles(Profiles.builder(home.store, home.agent.agentId()).build())
            .retriever(home.retriever())
            .clock(CLOCK);
    if (llm != null) {
      b.llm(llm);
    }
    return b.build();
  }

  private static String job(String language) {
    return language.equals("fr") ? SampleCv.jobFr() : SampleCv.jobEn();
  }

  @ParameterizedTest
  @CsvSource({"cover-letter,fr", "cover-letter,en", "cv,fr", "cv,en", "email,fr", "email,en"})
  void writesEachKindInTheRequestedLanguageThroughTheModelWithSourcedFacts(
      String kind, String language) {
    GenerationRequest request =
        GenerationRequest.of(DocumentKind.fromId(kind), language, job(language));

    GeneratedDocument doc = generator(model).generate(CareerHome.USER, request);

    Map<String, String> texts = language.equals("fr") ? SectionAnswers.FR : SectionAnswers.EN;
    assertThat(doc.draft()).isFalse();
    assertThat(doc.provider()).isEqualTo("scripted");
    assertThat(doc.content()).contains(FIXED.get(kind + "." + language));
    Template template = Templates.builtIn().find(DocumentKind.fromId(kind), language);
    for (TemplateSection s : template.sections()) {
      assertThat(doc.content()).contains(texts.get(s.name()));
    }
    ChatRequest sent = model.requests().get(0);
    assertThat(sent.messages().get(0).content())
        .contains("Write in " + (language.equals("fr") ? "French" : "English"));
    assertThat(sent.messages().get(1).content())
        .contains("Veloria Santé", job(language).lines().findFirst().orElseThrow());
    assertThat(doc.facts()).isNotEmpty().allSatisfy(f -> assertThat(f.source()).isNotNull());
    assertThat(doc.facts())
        .extracting(f -> f.source().document())
        .containsOnly("cv-camille-martin.md");
    assertThat(doc.flags()).isEmpty();
    assertThat(doc.letter() != null).isEqualTo(kind.equals("cover-letter"));
  }

  @ParameterizedTest
  @CsvSource({"cover-letter,fr", "cover-letter,en", "cv,fr", "cv,en", "email,fr", "email,en"})
  void offlineFillsTheTemplateWithTheFactsVerbatimAsADraft(String kind, String language) {
    GenerationRequest request =
        GenerationRequest.of(DocumentKind.fromId(kind), language, job(language));

    GeneratedDocument doc = generator(null).generate(CareerHome.USER, request);

    assertThat(doc.draft()).isTrue();
    assertThat(doc.reason()).isEqualTo("no language model is configured");
    assertThat(doc.provider()).isNull();
    assertThat(doc.content()).contains(FIXED.get(kind + "." + language));
    assertThat(doc.content()).contains("Ingénieure logicielle senior").contains("Veloria Santé");
    assertThat(doc.flags()).isEmpty();
  }

  @Test
  void aDraftLetterQuotesTheFactsAndAchievementsAsTheCvWritesThem() {
    GeneratedDocument doc =
        generator(null)
            .generate(
                CareerHome.USER,
                GenerationRequest.of(DocumentKind.COVER_LETTER, "fr", SampleCv.jobFr()));

    assertThat(doc.content())
        .contains("- Ingénieure logicielle senior — Veloria Santé (janv. 2021 – présent)")
        .contains("  - Réduit de 40 % le temps de réponse du service de planification")
        .contains(
            "Je vous adresse ma candidature pour le poste suivant : Ingénieur·e backend Java, chez"
                + " Clinéo.");
    assertThat(doc.letter().sender())
        .containsExactly(
            "Camille Martin", "camille.martin@example.org", "+33 6 12 34 56 78", "Lyon, France");
    assertThat(doc.letter().date()).isEqualTo("Lyon, le 30 novembre 2026");
  }

  @Test
  void flagsWhatTheModelInventedAndKeepsTheDocument() {
    ScriptedProvider liar =
        ScriptedProvider.answering(
            r ->
                SectionAnswers.answer(r)
                    .replace("Chez Veloria Santé depuis 2021", "Chez Capgemini depuis 2010")
                    .replace("d'un Master", "d'un Doctorat"));

    GeneratedDocument doc =
        generator(liar)
            .generate(
                CareerHome.USER,
                GenerationRequest.of(DocumentKind.COVER_LETTER, "fr", SampleCv.jobFr()));

    assertThat(doc.flags())
        .extracting(f -> f.type() + ":" + f.claim())
        .containsExactly("NAME:Capgemini", "DATE:2010", "DEGREE:Doctorat");
    assertThat(generator(null).find(doc.id()).orElseThrow().flags()).isEqualTo(doc.flags());
  }

  @Test
  void fallsBackToADraftWhenTheModelFailsOrIgnoresTheSchema() {
    ScriptedProvider down =
        new ScriptedProvider(
            r -> {
              throw new LlmException("scripted", LlmException.Kind.UNAVAILABLE, "down");
            });
    ScriptedProvider chatty = ScriptedProvider.answering(r -> "Voici votre lettre !");
    GenerationRequest request = GenerationRequest.of(DocumentKind.EMAIL, "fr", SampleCv.jobFr());

    GeneratedDocument failed = generator(down).generate(CareerHome.USER, request);
    GeneratedDocument ignored = generator(chatty).generate(CareerHome.USER, request);

    assertThat(failed.draft()).isTrue();
    assertThat(failed.reason()).isEqualTo("the model failed (UNAVAILABLE)");
    assertThat(ignored.draft()).isTrue();
    assertThat(ignored.reason()).contains("did not follow");
  }

  @Test
  void givesTheModelThePassagesRetrievedForTheOffer() {
    generator(model)
        .generate(
            CareerHome.USER,
            GenerationRequest.of(DocumentKind.COVER_LETTER, "fr", SampleCv.jobFr())
                .withRecipient("Mme Claire Dubois")
                .withTone("chaleureux"));

    String prompt = model.requests().get(0).messages().get(1).content();
    assertThat(prompt).contains("notes-motivation.md", "Addressed to: Mme Claire Dubois");
    assertThat(model.requests().get(0).messages().get(0).content()).contains("chaleureux");
  }

  @Test
  void storesVersionsThatCanBeListedComparedAndRegenerated() {
    DocumentGenerator offline = generator(null);
    GeneratedDocument first =
        offline.generate(
            CareerHome.USER, GenerationRequest.of(DocumentKind.EMAIL, "en", SampleCv.jobEn()));

    GeneratedDocument second = generator(model).regenerate(CareerHome.USER, first.id());

    assertThat(second.version()).isEqualTo(2);
    assertThat(second.parentId()).isEqualTo(first.id());
    assertThat(second.request()).isEqualTo(first.request());
    assertThat(offline.list(CareerHome.USER))
        .extracting(GeneratedDocument::id)
        .containsExactlyInAnyOrder(first.id(), second.id());
    GeneratedDocument reread = offline.find(first.id()).orElseThrow();
    assertThat(reread.content()).isEqualTo(first.content());
    assertThat(reread.facts()).isEqualTo(first.facts());
    assertThat(reread.draft()).isTrue();
    List<String> diff = offline.compare(first.id(), second.id());
    assertThat(diff).contains("  **Subject: Application — Backend Engineer (Java)**");
    assertThat(diff)
        .anyMatch(l -> l.startsWith("+ ") && l.contains(SectionAnswers.EN.get("closing")));
    assertThat(diff).anyMatch(l -> l.startsWith("- ") && l.contains("I would be glad to talk"));
    assertThatThrownBy(() -> offline.regenerate(CareerHome.USER, "nope"))
        .isInstanceOf(GenerateException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void usesAUserTemplateFromAFolderBeforeTheBuiltInOne() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(
        folder.resolve("relance.mustache"), "{{salutation}}\n\n{{{relance}}}\n\n{{name}}\n");
    Files.writeString(
        folder.resolve("relance.json"),
        """
        {"kind": "email", "language": "fr", "inputs": ["job", "recipient"],
         "salutation": "Bonjour,",
         "sections": [{"name": "relance", "instruction": "Relancer poliment.",
                       "facts": ["EXPERIENCE"], "draft": "Je me permets de vous relancer."}]}
        """);
    DocumentGenerator g =
        DocumentGenerator.builder(home.store, home.agent.agentId())
            .templates(Templates.builtIn().withFolder(folder))
            .clock(CLOCK)
            .build();

    GeneratedDocument doc =
        g.generate(
            CareerHome.USER, GenerationRequest.of(DocumentKind.EMAIL, "fr", SampleCv.jobFr()));

    assertThat(doc.content())
        .startsWith("Bonjour,\n\nJe me permets de vous relancer.\n\n- Ingénieure logicielle senior")
        .endsWith("Camille Martin\n");
  }
}
