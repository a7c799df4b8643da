package io.elavira.generate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.generate.Fact;
import io.elavira.generate.ProfileSection;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CvRulesTest {
  private static final DocumentRecord DOC =
      new DocumentRecord(
          "d1", "a", null, "cv.md", "/cv.md", "md", "h", DocumentStatus.READY, 1, 1, Instant.EPOCH);

  /** The sample CV as one chunk per heading, headings without '#' (as the Markdown parser). */
  private static List<SourceLines.Line> sampleCv() throws IOException {
    String md =
        Files.readString(
            Path.of("..", "docs", "examples", "cv-camille-martin.md"), StandardCharsets.UTF_8);
    List<ChunkRecord> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    List<String> path = new ArrayList<>();
    String section = null;
    for (String line : md.split("\n")) {
      if (line.startsWith("#")) {
        if (!current.toString().isBlank()) {
          chunks.add(chunk(chunks.size(), current.toString(), section));
        }
        int level = line.indexOf(' ');
        while (path.size() >= level) {
          path.remove(path.size() - 1);
        }
        path.add(line.substring(level + 1));
        section = String.join(" > ", path);
        current = new StringBuilder(line.substring(level + 1)).append('\n');
      } else {
        current.append(line).append('\n');
      }
    }
    chunks.add(chunk(chunks.size(), current.toString(), section));
    return SourceLines.of(DOC, chunks);
  }

  private static ChunkRecord chunk(int ordinal, String text, String section) {
    return new ChunkRecord("c" + ordinal, "d1", ordinal, text.strip(), section, 1, "h", Map.of());
  }

  @Test
  void readsNameHeadlineAndContactAboveTheFirstSection() throws IOException {
    List<Fact> facts = CvRules.read(sampleCv());

    assertThat(of(facts, ProfileSection.IDENTITY))
        .extracting(Fact::text)
        .containsExactly("Camille Martin", "Ingénieure logicielle backend");
    assertThat(of(facts, ProfileSection.CONTACT))
        .extracting(f -> f.field(Fact.CONTACT_TYPE) + "=" + f.field(Fact.VALUE))
        .containsExactly(
            "email=camille.martin@example.org",
            "phone=+33 6 12 34 56 78",
            "location=Lyon, France",
            "link=github.com/camille-martin-exemple");
  }

  @Test
  void readsExperiencesWithEmployerRolePeriodAndAchievements() throws IOException {
    List<Fact> jobs = of(CvRules.read(sampleCv()), ProfileSection.EXPERIENCE);

    assertThat(jobs)
        .extracting(
            f ->
                f.field(Fact.ROLE)
                    + " | "
                    + f.field(Fact.EMPLOYER)
                    + " | "
                    + f.field(Fact.START)
                    + " | "
                    + f.field(Fact.END))
        .containsExactly(
            "Ingénieure logicielle senior | Veloria Santé | 2021-01 | present",
            "Développeuse Java | Banque Rhodanienne | 2018 | 2020",
            "Stagiaire développement | Atelier Numérique du Rhône | 2017-02 | 2017-08");
    assertThat(jobs.get(0).details())
        .hasSize(3)
        .first()
        .isEqualTo("Conçu l'API de prise de rendez-vous utilisée par 1 200 cabinets médicaux");
    assertThat(jobs.get(0).text())
        .isEqualTo("Ingénieure logicielle senior — Veloria Santé (janv. 2021 – présent)");
  }

  @Test
  void everyFactKeepsTheChunkItWasReadFrom() throws IOException {
    List<Fact> facts = CvRules.read(sampleCv());

    Fact master = of(facts, ProfileSection.EDUCATION).get(0);
    assertThat(master.field(Fact.DEGREE)).isEqualTo("Master Informatique, parcours génie logiciel");
    assertThat(master.field(Fact.SCHOOL)).isEqualTo("Université Claude Bernard Lyon 1");
    assertThat(master.source()).isNotNull();
    assertThat(master.source().documentId()).isEqualTo("d1");
    assertThat(master.source().passage()).contains("Master Informatique");
    assertThat(facts).allSatisfy(f -> assertThat(f.source()).isNotNull());
  }

  @Test
  void readsSkillsLanguagesAndProjectsButNotOtherSections() throws IOException {
    List<Fact> facts = CvRules.read(sampleCv());

    assertThat(of(facts, ProfileSection.SKILL))
        .extracting(Fact::text)
        .contains("Java", "Kotlin", "Spring Boot", "PostgreSQL", "revue de code");
    assertThat(of(facts, ProfileSection.SKILL).get(0).field(Fact.LEVEL)).isEqualTo("Langages");
    assertThat(of(facts, ProfileSection.LANGUAGE))
        .extracting(f -> f.field(Fact.NAME) + ":" + f.field(Fact.LEVEL))
        .containsExactly(
            "Français:langue maternelle", "Anglais:courant (C1)", "Espagnol:notions (A2)");
    assertThat(of(facts, ProfileSection.PROJECT))
        .extracting(f -> f.field(Fact.NAME))
        .containsExactly("Sentier", "Contribution à Apache Commons CSV");
    assertThat(facts).noneMatch(f -> f.text().contains("Randonnée, photographie"));
  }

  @Test
  void readsAPlainTextEnglishCv() {
    String text =
        String.join(
            "\n",
            "Jordan Lee",
            "jordan@example.com",
            "",
            "EXPERIENCE",
            "Data Analyst, Northwind Traders",
            "Sept 2018 to June 2020",
            "• Built the weekly sales dashboard",
            "Software Engineer at Contoso (since 2021)",
            "",
            "Education:",
            "BSc Computer Science — University of Leeds (2014–2017)",
            "",
            "Languages",
            "English (native), French (B2)");
    ChunkRecord chunk = new ChunkRecord("c0", "d1", 0, text, null, null, "h", Map.of());

    List<Fact> facts = CvRules.read(SourceLines.of(DOC, List.of(chunk)));

    assertThat(of(facts, ProfileSection.EXPERIENCE))
        .extracting(
            f -> f.field(Fact.ROLE) + "@" + f.field(Fact.EMPLOYER) + " " + f.field(Fact.START))
        .containsExactly(
            "Data Analyst@Northwind Traders 2018-09", "Software Engineer@Contoso 2021");
    assertThat(of(facts, ProfileSection.EDUCATION).get(0).field(Fact.DEGREE))
        .isEqualTo("BSc Computer Science");
    assertThat(of(facts, ProfileSection.LANGUAGE)).extracting(Fact::text).hasSize(2);
  }

  @Test
  void readsNothingFromADocumentWithoutCvSections() {
    ChunkRecord note =
        new ChunkRecord(
            "c0", "d1", 0, "Réunion du 3 mars\nParler à Paul de Kotlin", null, null, "h", Map.of());

    assertThat(CvRules.read(SourceLines.of(DOC, List.of(note)))).isEmpty();
  }

  @Test
  void skipsTheOverlapAChunkerRepeatsAtTheStartOfAChunk() {
    String first = "Compétences\n- Java, Kotlin";
    String second = "- Java, Kotlin\n\n- Docker";
    ChunkRecord a = new ChunkRecord("c0", "d1", 0, first, "Compétences", null, "h", Map.of());
    ChunkRecord b =
        new ChunkRecord(
            "c1", "d1", 1, second, "Compétences", null, "h", Map.of("overlapChars", "16"));

    List<Fact> skills = of(CvRules.read(SourceLines.of(DOC, List.of(a, b))), ProfileSection.SKILL);

    assertThat(skills).extracting(Fact::text).containsExactly("Java", "Kotlin", "Docker");
  }

  private static List<Fact> of(List<Fact> facts, ProfileSection section) {
    return facts.stream().filter(f -> f.section() == section).toList();
  }
}
