package io.elavira.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.llm.ChatRequest;
import java.util.Map;

/**
 * A model's section texts for the sample CV, in French and English, written only from its facts:
 * the answer a faithful model gives. Answers the sections the request's schema asks for.
 */
final class SectionAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final Map<String, String> FR =
      Map.of(
          "opening",
          "Votre offre d'ingénieur·e backend Java correspond à mon parcours dans la santé.",
          "experience",
          "Chez Veloria Santé depuis 2021, j'ai conçu l'API de prise de rendez-vous utilisée par"
              + " 1 200 cabinets médicaux et réduit de 40 % le temps de réponse du service de"
              + " planification.",
          "skills",
          "Je maîtrise Java, Spring Boot, PostgreSQL et Docker, et je suis titulaire d'un Master"
              + " Informatique de l'Université Claude Bernard Lyon 1.",
          "closing",
          "Je serais heureuse d'en discuter lors d'un entretien.",
          "summary",
          "Ingénieure logicielle backend, je conçois des API en Java et Spring Boot pour la santé.",
          "message",
          "Ingénieure logicielle senior chez Veloria Santé, je conçois des API de prise de"
              + " rendez-vous en Java et Spring Boot. Vous trouverez mon CV en pièce jointe.");

  static final Map<String, String> EN =
      Map.of(
          "opening",
          "Your backend engineer opening matches my background in healthcare software.",
          "experience",
          "At Veloria Santé since 2021, I designed the appointment booking API used by 1 200"
              + " medical practices and cut the response time of the scheduling service by 40 %.",
          "skills",
          "I work with Java, Spring Boot, PostgreSQL and Docker, and I hold a Master's degree in"
              + " computer science from Université Claude Bernard Lyon 1.",
          "closing",
          "I would be glad to discuss this with you in an interview.",
          "summary",
          "Backend software engineer designing Java and Spring Boot APIs for healthcare.",
          "message",
          "As a senior software engineer at Veloria Santé, I design appointment booking APIs in"
              + " Java and Spring Boot. Please find my CV attached.");

  private SectionAnswers() {}

  /** The sections the schema of {@code r} asks for, in the language its system prompt names. */
  static String answer(ChatRequest r) {
    Map<String, String> texts = r.messages().get(0).content().contains("Write in French") ? FR : EN;
    try {
      JsonNode schema = JSON.readTree(r.jsonSchema().schema());
      ObjectNode out = JSON.createObjectNode();
      schema.path("properties").fieldNames().forEachRemaining(n -> out.put(n, texts.get(n)));
      return JSON.writeValueAsString(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
