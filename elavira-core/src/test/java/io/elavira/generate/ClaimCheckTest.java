package io.elavira.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimCheckTest {
  private final ClaimCheck check =
      ClaimCheck.against(SampleProfile.of(), List.of(SampleCv.jobFr()));

  private static final String LETTER_FROM_SOURCES =
      String.join(
          "\n",
          "**Camille Martin**  ",
          "camille.martin@example.org  ",
          "+33 6 12 34 56 78  ",
          "Lyon, France",
          "",
          "**Objet : candidature au poste d'Ingénieur·e backend Java chez Clinéo**",
          "",
          "Madame, Monsieur,",
          "",
          "Votre plateforme de téléconsultation et l'équipe Rendez-vous de Lyon m'intéressent.",
          "Chez Veloria Santé depuis janvier 2021, j'ai conçu l'API de prise de rendez-vous"
              + " utilisée par 1 200 cabinets médicaux et réduit de 40 % le temps de réponse du"
              + " service de planification.",
          "Auparavant, chez Banque Rhodanienne (2018 – 2020), j'ai migré le moteur de calcul des"
              + " crédits vers Java 11 et Spring Boot.",
          "Titulaire d'un Master Informatique de l'Université Claude Bernard Lyon 1 et d'une"
              + " Licence de l'Université Jean Monnet, je maîtrise Java, Kotlin, PostgreSQL et"
              + " Docker, et je parle anglais couramment (C1).",
          "",
          "Camille Martin");

  @Test
  void flagsNothingInALetterBuiltOnlyFromTheSources() {
    assertThat(check.flags(LETTER_FROM_SOURCES)).isEmpty();
  }

  @Test
  void catchesAnInventedEmployer() {
    String text = LETTER_FROM_SOURCES.replace("chez Banque Rhodanienne", "chez Capgemini");

    assertThat(check.flags(text))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(ClaimType.NAME);
              assertThat(f.claim()).isEqualTo("Capgemini");
              assertThat(f.line()).isEqualTo(12);
              assertThat(f.context()).contains("Capgemini");
            });
  }

  @Test
  void catchesAnInventedDate() {
    String text = LETTER_FROM_SOURCES.replace("(2018 – 2020)", "(2014 – 2020)");

    assertThat(check.flags(text))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(ClaimType.DATE);
              assertThat(f.claim()).isEqualTo("2014");
            });
  }

  @Test
  void catchesAnInventedDegreeInEitherLanguage() {
    String fr = LETTER_FROM_SOURCES.replace("Titulaire d'un Master", "Titulaire d'un Doctorat");
    String en = "I also hold a PhD in computer science from Université Claude Bernard Lyon 1.";

    assertThat(check.flags(fr))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(ClaimType.DEGREE);
              assertThat(f.claim()).isEqualTo("Doctorat");
            });
    assertThat(check.flags(en)).extracting(ClaimFlag::claim).containsExactly("PhD");
  }

  @Test
  void acceptsAFaithfulTranslationOfTheDegreesAndNames() {
    String en =
        "I hold a Master's degree from Université Claude Bernard Lyon 1 and a Bachelor's degree"
            + " from Université Jean Monnet; at Veloria Santé I cut response times by 40 %.";

    assertThat(check.flags(en)).isEmpty();
  }

  @Test
  void catchesAnInventedFigureAndAnInventedPerson() {
    String text =
        "J'ai réduit de 75 % le temps de réponse. Mon manager, Pierre Durand, vous le confirmera.";

    assertThat(check.flags(text))
        .extracting(f -> f.type() + ":" + f.claim())
        .containsExactly("FIGURE:75", "NAME:Pierre Durand");
  }

  @Test
  void theDigitsOfAPhoneNumberSupportNoFigure() {
    assertThat(check.flags("J'ai encadré 12 développeurs (+33 6 12 34 56 78)."))
        .extracting(f -> f.type() + ":" + f.claim())
        .containsExactly("FIGURE:12");
  }

  @Test
  void comparesWithoutAccentsOrCase() {
    assertThat(check.flags("J'ai travaillé chez VELORIA SANTE puis à l'universite jean monnet."))
        .isEmpty();
  }
}
