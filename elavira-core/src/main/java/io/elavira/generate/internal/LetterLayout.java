package io.elavira.generate.internal;

import io.elavira.generate.GenerationRequest;
import io.elavira.generate.Letter;
import io.elavira.generate.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Not API. A letter's frame around its body: sender block, recipient, place and date, subject,
 * signature; as {@link Letter} parts for exporters and as Markdown. Also the titles of documents.
 */
public final class LetterLayout {
  private LetterLayout() {}

  /** The parts of the letter whose body was rendered from {@code scope}. */
  public static Letter letter(Map<String, Object> scope, String body, Template template) {
    String lang = template.language();
    List<String> sender = new ArrayList<>();
    for (String key : new String[] {"name", "email", "phone", "location"}) {
      Object v = scope.get(key);
      if (v != null) {
        sender.add(v.toString());
      }
    }
    String city = TemplateScope.city(scope.get("location"));
    String date = Objects.toString(scope.get("date"), "");
    String dateLine =
        city == null ? date : "fr".equals(lang) ? city + ", le " + date : city + ", " + date;
    Object recipient = scope.get("recipient");
    return new Letter(
        sender,
        recipient == null ? null : recipient.toString(),
        dateLine,
        Objects.toString(scope.get("subject"), ""),
        body,
        Objects.toString(scope.get("name"), ""));
  }

  /** The letter as Markdown. */
  public static String markdown(Letter letter, String language) {
    boolean fr = "fr".equals(language);
    StringBuilder md = new StringBuilder();
    for (int i = 0; i < letter.sender().size(); i++) {
      String line = letter.sender().get(i);
      md.append(i == 0 ? "**" + line + "**" : line);
      md.append(i == letter.sender().size() - 1 ? "\n\n" : "  \n");
    }
    if (letter.recipient() != null) {
      md.append(fr ? "À l'attention de " : "To: ").append(letter.recipient()).append("\n\n");
    }
    md.append(letter.date()).append("\n\n");
    if (!letter.subject().isEmpty()) {
      md.append("**")
          .append(fr ? "Objet : " : "Subject: ")
          .append(letter.subject())
          .append("**\n\n");
    }
    md.append(letter.body().strip()).append("\n\n");
    md.append(letter.signature()).append('\n');
    return md.toString();
  }

  /** The fixed words the frame adds, for the claim check. */
  public static String labels(String language) {
    return "fr".equals(language) ? "À l'attention de ; le ; Objet :" : "To: ; Subject:";
  }

  /** A document's title: "Lettre de motivation — Ingénieur·e backend Java". */
  public static String title(GenerationRequest request, Map<String, Object> scope) {
    boolean fr = "fr".equals(request.language());
    String job = Objects.toString(scope.get("job_title"), "");
    String name = Objects.toString(scope.get("name"), "");
    return switch (request.kind()) {
      case COVER_LETTER -> (fr ? "Lettre de motivation — " : "Cover letter — ") + job;
      case CV -> "CV — " + name + (job.isEmpty() ? "" : " — " + job);
      case EMAIL -> (fr ? "E-mail — " : "Email — ") + job;
    };
  }
}
