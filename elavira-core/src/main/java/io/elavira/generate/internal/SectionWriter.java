package io.elavira.generate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.generate.Fact;
import io.elavira.generate.FactSource;
import io.elavira.generate.GenerationRequest;
import io.elavira.generate.ProfileSection;
import io.elavira.generate.Template;
import io.elavira.generate.TemplateSection;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.JsonSchema;
import io.elavira.llm.LlmProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Writes a template's sections: through a model with structured output (one string per
 * section, from the facts given and nothing else), or, offline, as the section's fixed draft text
 * followed by its facts verbatim. Stateless.
 */
public final class SectionWriter {
  /** The most characters of retrieved passages put in the prompt besides the facts. */
  public static final int MAX_PASSAGE_CHARS = 4_000;

  /** The most achievements of an experience listed under it in a draft. */
  private static final int DRAFT_DETAILS = 3;

  private SectionWriter() {}

  /** What the model wrote: the sections, and who wrote them. */
  public record Written(Map<String, String> sections, String provider, String model) {}

  /**
   * Asks the model for every section.
   *
   * @return null when the answer is not a JSON object with a non-blank string per section
   * @throws io.elavira.llm.LlmException when the model fails
   */
  public static @Nullable Written withModel(
      LlmProvider llm,
      Template template,
      GenerationRequest request,
      String personName,
      List<Fact> facts,
      List<FactSource> passages) {
    String language = "fr".equals(request.language()) ? "French" : "English";
    String tone = request.tone() == null ? "professional" : request.tone();
    String system =
        "You write the sections of a "
            + request.kind().id().replace('-', ' ')
            + " for "
            + personName
            + ", in answer to the job offer given. Write in "
            + language
            + " only, in the first person, in a "
            + tone
            + " tone, about "
            + request.length().words(request.kind())
            + " words in all. Use ONLY the facts and passages given: never add an employer, school,"
            + " degree, date, figure or name they do not contain, and never claim a skill they do"
            + " not show. No greeting, subject, address or signature: only each section's text,"
            + " as plain paragraphs. Return JSON with one string per section.";
    StringBuilder user = new StringBuilder();
    user.append("Job offer:\n<<<\n").append(request.jobOffer().strip()).append("\n>>>\n\n");
    if (request.recipient() != null) {
      user.append("Addressed to: ").append(request.recipient()).append("\n\n");
    }
    user.append("Facts about ").append(personName).append(" (from their documents):\n");
    int n = 1;
    for (Fact f : facts) {
      user.append("[F").append(n++).append("] ").append(f.section()).append(": ").append(f.text());
      for (String d : f.details()) {
        user.append("; ").append(d);
      }
      user.append('\n');
    }
    int chars = 0;
    boolean header = false;
    for (FactSource p : passages) {
      if (chars + p.passage().length() > MAX_PASSAGE_CHARS) {
        break;
      }
      if (!header) {
        user.append("\nOther passages of their documents:\n");
        header = true;
      }
      user.append("<<< ").append(p.reference()).append('\n').append(p.passage()).append("\n>>>\n");
      chars += p.passage().length();
    }
    user.append("\nSections to write:\n");
    for (TemplateSection s : template.sections()) {
      user.append("- ").append(s.name()).append(": ").append(s.instruction()).append('\n');
    }
    ChatRequest chat =
        ChatRequest.builder(List.of(ChatMessage.system(system), ChatMessage.user(user.toString())))
            .jsonSchema(schema(template))
            .build();
    ChatResponse response = llm.chat(chat);
    JsonNode root = StructuredAnswer.parse(response);
    if (root == null) {
      return null;
    }
    Map<String, String> sections = new LinkedHashMap<>();
    for (TemplateSection s : template.sections()) {
      JsonNode value = root.get(s.name());
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        return null;
      }
      sections.put(s.name(), value.asText().strip());
    }
    return new Written(sections, llm.name(), response.model());
  }

  /**
   * The offline draft: each section's fixed text (rendered by {@code render}), then its facts
   * verbatim as a list.
   */
  public static Map<String, String> draft(
      Template template, List<Fact> facts, UnaryOperator<String> render) {
    Map<String, String> sections = new LinkedHashMap<>();
    for (TemplateSection s : template.sections()) {
      StringBuilder text = new StringBuilder(render.apply(s.draft()).strip());
      boolean listed = false;
      for (ProfileSection section : s.facts()) {
        if (section == ProfileSection.SKILL) {
          List<String> skills =
              facts.stream().filter(f -> f.section() == section).map(Fact::text).toList();
          if (!skills.isEmpty()) {
            text.append(listed || text.length() == 0 ? "\n" : "\n\n")
                .append("- ")
                .append(String.join(", ", skills));
            listed = true;
          }
          continue;
        }
        for (Fact f : facts) {
          if (f.section() != section) {
            continue;
          }
          text.append(listed || text.length() == 0 ? "\n" : "\n\n").append("- ").append(f.text());
          listed = true;
          int shown = 0;
          for (String d : f.details()) {
            if (shown++ == DRAFT_DETAILS) {
              break;
            }
            text.append("\n  - ").append(d);
          }
        }
      }
      sections.put(s.name(), text.toString().strip());
    }
    return sections;
  }

  private static JsonSchema schema(Template template) {
    ObjectNode root = ProfileJson.mapper().createObjectNode();
    root.put("type", "object");
    ObjectNode props = root.putObject("properties");
    var required = root.putArray("required");
    for (TemplateSection s : template.sections()) {
      props.putObject(s.name()).put("type", "string");
      required.add(s.name());
    }
    root.put("additionalProperties", false);
    String name = ("elavira_" + template.kind().id()).replace('-', '_');
    return new JsonSchema(name, ProfileJson.text(root));
  }
}
