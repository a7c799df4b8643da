package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elavira feedback ANSWER-ID RATING [COMMENT]}, {@code feedback export} and {@code stats}.
 */
class FeedbackStatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path docs;

  private String traceId;

  @BeforeEach
  void askOneQuestion() throws Exception {
    TestCorpus.ingestGood(docs, home);
    CliRun ask =
        CliRun.run(
            "ask", "--offline", "-j", "-H", home.toString(), "How do I repair a punctured tyre?");
    assertThat(ask.exitCode()).as(ask.toString()).isZero();
    traceId = JSON.readTree(ask.out()).get("traceId").asText();
  }

  @Test
  void recordsARatingWithItsCommentAndExportsItAsJsonLines() throws Exception {
    CliRun give =
        CliRun.run("feedback", "-H", home.toString(), traceId, "+1", "clear", "and", "right");
    assertThat(give.exitCode()).as(give.toString()).isZero();
    assertThat(give.out()).contains("feedback recorded");

    Path file = home.resolve("feedback.jsonl");
    CliRun export = CliRun.run("feedback", "export", "-H", home.toString(), "-o", file.toString());

    assertThat(export.exitCode()).as(export.toString()).isZero();
    assertThat(export.err()).contains("1 rating exported");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.get("traceId").asText()).isEqualTo(traceId);
    assertThat(line.get("rating").asInt()).isEqualTo(1);
    assertThat(line.get("comment").asText()).isEqualTo("clear and right");
    assertThat(line.get("question").asText()).contains("punctured tyre");
  }

  @Test
  void acceptsAThumbDownAndStarsAndKeepsTheUsersLastRating() throws Exception {
    assertThat(CliRun.run("feedback", "-H", home.toString(), traceId, "-1").exitCode()).isZero();
    CliRun stars = CliRun.run("feedback", "-j", "-H", home.toString(), traceId, "4");
    assertThat(stars.exitCode()).as(stars.toString()).isZero();
    assertThat(JSON.readTree(stars.out()).get("scale").asText()).isEqualTo("stars");

    CliRun export = CliRun.run("feedback", "export", "-H", home.toString());

    assertThat(export.out().strip().lines()).hasSize(1);
    assertThat(JSON.readTree(export.out()).get("rating").asInt()).isEqualTo(4);
  }

  @Test
  void refusesAnUnknownAnswerAndAWrongRating() {
    CliRun unknown = CliRun.run("feedback", "-H", home.toString(), "no-such-answer", "+1");
    CliRun wrong = CliRun.run("feedback", "-H", home.toString(), traceId, "great");
    CliRun missing = CliRun.run("feedback", "-H", home.toString(), traceId);

    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
    assertThat(unknown.err()).contains("No answer has the id 'no-such-answer'").contains("traceId");
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(2);
    assertThat(wrong.err()).contains("+1 or -1").contains("1 to 5");
    assertThat(missing.exitCode()).isEqualTo(2);
  }

  @Test
  void countsTheRequestsOfThePeriod() throws Exception {
    CliRun stats = CliRun.run("stats", "-j", "-H", home.toString());
    CliRun text = CliRun.run("stats", "--last", "7d", "-H", home.toString());

    assertThat(stats.exitCode()).as(stats.toString()).isZero();
    JsonNode json = JSON.readTree(stats.out());
    assertThat(json.get("requests").asLong()).isEqualTo(1);
    assertThat(json.get("extractiveAnswers").asLong()).isEqualTo(1);
    assertThat(json.get("activeConversations").asLong()).isEqualTo(1);
    // The CLI's agent has no response cache and one provider: nothing to count, but reported.
    assertThat(json.get("cacheHits").asLong()).isZero();
    assertThat(json.get("cacheMisses").asLong()).isZero();
    assertThat(json.get("cacheHitRate").asDouble()).isZero();
    assertThat(json.get("fallbacks").asLong()).isZero();
    assertThat(text.out())
        .contains("requests: 1")
        .contains("latency: p50")
        .contains("response cache: 0 hits, 0 misses")
        .contains("fallbacks: 0");
  }

  @Test
  void refusesAPeriodItCannotRead() {
    CliRun run = CliRun.run("stats", "--last", "yesterday", "-H", home.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("30m, 24h or 7d");
  }
}
