package io.elavira.generate.internal;

import io.elavira.generate.FactSource;
import io.elavira.generate.GeneratedDocument;
import io.elavira.generate.GenerationRequest;
import io.elavira.generate.Template;
import io.elavira.store.GeneratedDocRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Not API. A generated document to and from its {@code generated_docs} row, and the texts besides
 * the profile that support its claims.
 */
public final class GeneratedRows {
  private GeneratedRows() {}

  /**
   * What supports a document's claims besides the profile: the job offer, the recipient and tone
   * given, the template's own words, the date written, the frame's labels, the retrieved passages.
   */
  public static List<String> supportingTexts(
      GenerationRequest request, Template template, String date, List<FactSource> passages) {
    List<String> supporting = new ArrayList<>();
    supporting.add(request.jobOffer());
    supporting.add(template.body());
    supporting.add(date);
    supporting.add(LetterLayout.labels(template.language()));
    if (request.recipient() != null) {
      supporting.add(request.recipient());
    }
    if (request.tone() != null) {
      supporting.add(request.tone());
    }
    if (template.subject() != null) {
      supporting.add(template.subject());
    }
    if (template.salutation() != null) {
      supporting.add(template.salutation());
    }
    template.sections().forEach(s -> supporting.add(s.draft()));
    passages.forEach(p -> supporting.add(p.passage()));
    return supporting;
  }

  /** The row storing a generated document. */
  public static GeneratedDocRow row(
      GeneratedDocument d, String agentId, String userId, String templateName) {
    return new GeneratedDocRow(
        d.id(),
        agentId,
        userId,
        d.kind().id(),
        d.request().language(),
        d.title(),
        d.content(),
        d.version(),
        d.parentId(),
        GeneratedJson.inputs(d.request(), templateName),
        GeneratedJson.facts(d.facts(), d.passages()),
        GeneratedJson.flags(d.flags()),
        d.draft(),
        d.provider(),
        d.model(),
        GeneratedJson.letter(d.letter()),
        d.createdAt());
  }

  /** The generated document a row stores. */
  public static GeneratedDocument document(GeneratedDocRow r) {
    String what = "generated document " + r.id();
    return new GeneratedDocument(
        r.id(),
        r.version(),
        r.parentId(),
        GeneratedJson.request(r.inputsJson(), what + " inputs"),
        r.title(),
        r.content(),
        GeneratedJson.readLetter(r.letterJson(), what + " letter"),
        r.draft(),
        r.draft() ? "draft" : null,
        GeneratedJson.readFacts(r.factsJson(), what + " facts"),
        GeneratedJson.readPassages(r.factsJson(), what + " passages"),
        GeneratedJson.readFlags(r.flagsJson(), what + " flags"),
        r.provider(),
        r.model(),
        r.createdAt());
  }
}
