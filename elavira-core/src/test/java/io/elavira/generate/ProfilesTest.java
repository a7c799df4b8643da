package io.elavira.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.llm.LlmException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {
  @TempDir Path dir;
  CareerHome home;

  @BeforeEach
  void open() {
    home = new CareerHome(dir);
  }

  @AfterEach
  void close() {
    home.close();
  }

  @Test
  void extractsTheProfileFromTheIndexedCvWithoutAModelAndStoresVersions() {
    Profiles profiles = Profiles.builder(home.store, home.agent.agentId()).build();

    StoredProfile first = profiles.extract(CareerHome.USER);
    StoredProfile second = profiles.extract(CareerHome.USER);

    assertThat(first.version()).isEqualTo(1);
    assertThat(first.origin()).isEqualTo(StoredProfile.BY_RULES);
    assertThat(first.profile().name()).isEqualTo("Camille Martin");
    assertThat(first.profile().facts(ProfileSection.EXPERIENCE)).hasSize(3);
    assertThat(first.profile().facts())
        .allSatisfy(
            f -> {
              assertThat(f.source()).isNotNull();
              assertThat(f.source().document()).isEqualTo("cv-camille-martin.md");
            });
    assertThat(second.version()).isEqualTo(2);
    assertThat(profiles.versions(CareerHome.USER))
        .extracting(StoredProfile::version)
        .containsExactly(1, 2);
    assertThat(profiles.latest(CareerHome.USER).orElseThrow().profile()).isEqualTo(first.profile());
  }

  @Test
  void keepsTheUsersCorrectionsAndDeletionsOverALaterExtraction() {
    Profiles profiles = Profiles.builder(home.store, home.agent.agentId()).build();
    Profile extracted = profiles.extract(CareerHome.USER).profile();
    Fact headline = extracted.facts(ProfileSection.IDENTITY).get(1);
    Fact spanish = extracted.facts(ProfileSection.LANGUAGE).get(2);
    List<Fact> edited = new ArrayList<>();
    for (Fact f : extracted.facts()) {
      if (f.equals(headline)) {
        edited.add(
            new Fact(
                f.id(),
                f.section(),
                "Ingénieure logicielle backend Java",
                Map.of(Fact.HEADLINE, "Ingénieure logicielle backend Java"),
                List.of(),
                f.source(),
                false));
      } else if (!f.equals(spanish)) {
        edited.add(f);
      }
    }
    edited.add(
        new Fact(
            "",
            ProfileSection.SKILL,
            "Gradle",
            Map.of(Fact.NAME, "Gradle"),
            List.of(),
            null,
            false));
    String json = Profiles.toJson(new Profile(edited, List.of())).replace("\"id\" : \"\",", "");

    StoredProfile corrected = profiles.edit(CareerHome.USER, Profiles.read(json, "edited.json"));
    StoredProfile again = profiles.extract(CareerHome.USER);

    assertThat(corrected.edited()).isTrue();
    assertThat(corrected.origin()).isEqualTo(StoredProfile.BY_USER);
    for (Profile p : List.of(corrected.profile(), again.profile())) {
      assertThat(p.firstField(ProfileSection.IDENTITY, Fact.HEADLINE))
          .isEqualTo("Ingénieure logicielle backend Java");
      assertThat(p.facts(ProfileSection.LANGUAGE))
          .extracting(Fact::text)
          .doesNotContain(spanish.text());
      assertThat(p.facts(ProfileSection.SKILL))
          .filteredOn(f -> f.text().equals("Gradle"))
          .singleElement()
          .satisfies(f -> assertThat(f.corrected()).isTrue());
    }
    assertThat(again.edited()).isFalse();
    assertThat(again.version()).isEqualTo(3);
  }

  @Test
  void extractsWithAModelThroughAJsonSchemaAndDropsFactsItsPassageDoesNotHold() {
    ScriptedProvider model =
        ScriptedProvider.answering(
            r ->
                """
                {"facts": [
                  {"section": "IDENTITY", "text": "Camille Martin", "name": "Camille Martin",
                   "passage": 1},
                  {"section": "EXPERIENCE", "text": "Développeuse Java — Banque Rhodanienne",
                   "employer": "Banque Rhodanienne", "role": "Développeuse Java",
                   "start": "2018", "end": "2020", "passage": 4},
                  {"section": "EXPERIENCE", "text": "Consultante — Capgemini (2016)",
                   "employer": "Capgemini", "start": "2016", "passage": 4},
                  {"section": "SKILL", "text": "Java", "passage": 99}
                ]}
                """);
    Profiles profiles = Profiles.builder(home.store, home.agent.agentId()).llm(model).build();

    StoredProfile stored = profiles.extract(CareerHome.USER);

    assertThat(model.requests()).hasSize(1);
    assertThat(model.requests().get(0).jsonSchema()).isNotNull();
    assertThat(model.requests().get(0).jsonSchema().schema()).contains("\"passage\"", "EXPERIENCE");
    assertThat(stored.origin()).isEqualTo("model:scripted/" + ScriptedProvider.MODEL);
    assertThat(stored.profile().facts())
        .extracting(Fact::text)
        .containsExactly("Camille Martin", "Développeuse Java — Banque Rhodanienne");
    Fact job = stored.profile().facts(ProfileSection.EXPERIENCE).get(0);
    assertThat(job.source().passage()).contains("Banque Rhodanienne");
  }

  @Test
  void fallsBackToTheCvRulesWhenTheModelFails() {
    ScriptedProvider down =
        new ScriptedProvider(
            r -> {
              throw new LlmException("scripted", LlmException.Kind.UNAVAILABLE, "down");
            });
    Profiles profiles = Profiles.builder(home.store, home.agent.agentId()).llm(down).build();

    StoredProfile stored = profiles.extract(CareerHome.USER);

    assertThat(stored.origin()).isEqualTo(StoredProfile.BY_RULES);
    assertThat(stored.profile().facts(ProfileSection.EXPERIENCE)).hasSize(3);
  }
}
