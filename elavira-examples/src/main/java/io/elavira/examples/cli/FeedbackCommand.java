package io.elavira.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.store.ElaviraStore;
import io.elavira.store.Feedback;
import io.elavira.store.Rating;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code elavira feedback ANSWER-ID RATING [COMMENT]}: rates an answer, named by the {@code
 * traceId} of {@code ask --json}; {@code elavira feedback export}: every rating as JSON Lines, for
 * evaluation. A user's second rating of an answer replaces the first.
 */
@Command(
    name = "feedback",
    mixinStandardHelpOptions = true,
    description = {
      "Rate an answer: +1 or -1 (thumbs), or 1 to 5 (stars), with an optional comment.",
      "The answer's id is the traceId printed by ask --json."
    },
    subcommands = FeedbackCommand.Export.class,
    footer = {
      "",
      "Examples:",
      "  elavira feedback 3f2c9a1e-... +1 \"exactly what I needed\"",
      "  elavira feedback 3f2c9a1e-... 2",
      "  elavira feedback export > feedback.jsonl"
    })
final class FeedbackCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "user")
  private UserOption user;

  @Mixin(name = "json")
  private JsonOption json;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ANSWER-ID",
      description = "traceId of the answer.")
  private @Nullable String traceId;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "RATING",
      description = "+1, -1, or 1 to 5.")
  private @Nullable String rating;

  @Parameters(
      index = "2..*",
      arity = "0..*",
      paramLabel = "COMMENT",
      description = "A comment (its words are joined with spaces).")
  private List<String> comment = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (traceId == null || rating == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Give the answer's id and a rating: elavira feedback ANSWER-ID +1 \"comment\""
              + " (the id is the traceId of ask --json), or elavira feedback export.");
    }
    Rating parsed;
    try {
      parsed = Rating.parse(rating);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage() + ".", e);
    }
    String answerId = traceId;
    String text = comment.isEmpty() ? null : String.join(" ", comment).strip();
    return home.print(
        (store, out) -> {
          Feedback given;
          try {
            given = store.feedback().give(answerId, user.userId(), parsed, text);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "No answer has the id '"
                    + answerId
                    + "' in "
                    + home.home()
                    + ": give the traceId printed by `elavira ask --json`.",
                e);
          }
          if (json.enabled()) {
            Map<String, @Nullable Object> object = new LinkedHashMap<>();
            object.put("traceId", given.traceId());
            object.put("rating", given.rating().value());
            object.put("scale", given.rating().scale().name().toLowerCase(java.util.Locale.ROOT));
            object.put("comment", given.comment());
            out.println(JSON.writeValueAsString(object));
          } else {
            out.println("Thank you: feedback recorded for answer " + given.traceId() + ".");
          }
        });
  }

  /** {@code feedback export [-o FILE]}: JSON Lines on standard output or into a file. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Every rating as JSON Lines, oldest first: traceId, agentId, conversationId, userId,",
        "question, answer, provider, model, rating, scale, comment, createdAt."
      })
  static final class Export implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin(name = "home")
    private HomeOptions home;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write into FILE (replaced) instead of standard output.")
    private @Nullable Path output;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      try (ElaviraStore store = AgentSession.openStore(home.home())) {
        int lines;
        if (output == null) {
          PrintWriter out = spec.commandLine().getOut();
          lines = store.feedback().exportJsonl(null, out);
          out.flush();
        } else {
          try (Writer file =
              new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            lines = store.feedback().exportJsonl(null, file);
          }
        }
        err.println(
            lines
                + " rating"
                + (lines == 1 ? "" : "s")
                + " exported"
                + (output == null ? "" : " to " + output)
                + ".");
        err.flush();
        return 0;
      }
    }
  }
}
