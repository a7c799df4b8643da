package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import io.elavira.generate.DocumentGenerator;
import io.elavira.generate.DocumentKind;
import io.elavira.generate.GeneratedDocument;
import io.elavira.generate.GenerationRequest;
import io.elavira.generate.Length;
import io.elavira.generate.Profiles;
import io.elavira.generate.Templates;
import io.elavira.llm.LlmProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira generate cover-letter|cv|email --job FILE --lang fr|en --out FILE}: writes a
 * document for a job offer from the user's profile and documents, through the language model (or as
 * a draft of verbatim facts when none answers), prints where its facts come from and what the claim
 * check flags, and stores it ({@code elavira generated list}).
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a cover letter, a tailored CV or an email for a job offer, from your documents.",
      "Facts come only from your profile and documents; statements no source supports are"
          + " flagged. Without a language model the document is a draft of your facts verbatim."
    },
    footer = {
      "",
      "Examples:",
      "  elavira generate cover-letter --job offre.md --lang fr --to \"Mme Dubois\" --out lettre.md",
      "  elavira generate cv --job offer.txt --lang en --out cv.docx --out cv.pdf",
      "  elavira generate email --job offer.txt --lang en --tone warm --out email.md --offline"
    })
final class GenerateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "llm")
  private LlmOptions llm;

  @Mixin(name = "user")
  private UserOption user;

  @Mixin(name = "json")
  private JsonOption json;

  @Mixin private IndexOptions indexes;

  @Parameters(index = "0", paramLabel = "KIND", description = "cover-letter, cv or email.")
  private String kind;

  @Option(names = "--job", required = true, paramLabel = "FILE", description = "The job offer.")
  private Path job;

  @Option(
      names = "--lang",
      required = true,
      paramLabel = "fr|en",
      description = "The language of the document.")
  private String language;

  @Option(names = "--to", paramLabel = "NAME", description = "Who the document is addressed to.")
  private @Nullable String recipient;

  @Option(names = "--tone", paramLabel = "T", description = "The tone (default: professional).")
  private @Nullable String tone;

  @Option(
      names = "--length",
      paramLabel = "short|medium|long",
      description = "How long (default: medium).")
  private Length length = Length.MEDIUM;

  @Option(
      names = "--templates",
      paramLabel = "DIR",
      description = "A folder of your own templates (NAME.mustache + NAME.json).")
  private @Nullable Path templates;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description =
          "Where to write it: FILE.md, FILE.docx or FILE.pdf; repeat it to write the same"
              + " document in several formats.")
  private List<Path> outs = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GenerationRequest request = request();
    llm.validate();
    Templates chosen =
        templates == null ? Templates.builtIn() : Templates.builtIn().withFolder(templates);
    try (AgentSession session = AgentSession.open(home.home(), llm, indexes, err)) {
      session.hintWhenEmpty(home.home(), err);
      DocumentGenerator generator = generator(session, chosen);
      GeneratedDocument doc = generator.generate(user.userId(), request);
      for (Path out : outs) {
        GeneratedExport.write(doc, out);
      }
      if (json.enabled()) {
        stdout.println(GenerationPrinter.json(doc, outs.get(0).toString()));
      } else {
        outs.forEach(out -> stdout.println("Wrote " + out));
        GenerationPrinter.summary(doc, stdout);
      }
      return 0;
    }
  }

  /** A generator over the session's store, retrieval and model. */
  static DocumentGenerator generator(AgentSession session, Templates templates) {
    String agentId = session.agent().agentId();
    Profiles.Builder profiles = Profiles.builder(session.store(), agentId);
    DocumentGenerator.Builder b =
        DocumentGenerator.builder(session.store(), agentId)
            .retriever(q -> session.agent().retrieve(q.userId(), q.text(), q.topK()))
            .templates(templates);
    LlmProvider model = session.llm();
    if (model != null) {
      b.llm(model);
      profiles.llm(model);
    }
    return b.profiles(profiles.build()).build();
  }

  private GenerationRequest request() {
    DocumentKind documentKind;
    try {
      documentKind = DocumentKind.fromId(kind);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    for (Path out : outs) {
      if (!GeneratedExport.known(out)) {
        throw new ParameterException(
            spec.commandLine(), "--out " + out + ": name a " + GeneratedExport.FORMATS + " file.");
      }
    }
    String offer;
    try {
      offer = Files.readString(job, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ElaviraException("Cannot read the job offer " + job + ": " + e.getMessage(), e);
    }
    try {
      return new GenerationRequest(documentKind, language, offer, recipient, tone, length, null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
