package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.examples.apps.SharedDocs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elavira app teacher ingest|ask|quiz}: the documented commands of VirtualTeacher. */
class TeacherCommandTest {
  @TempDir Path home;

  @Test
  void ingestsACourseThenAnswersAndQuizzesOfflineWithPageCitations() throws Exception {
    Path story = SharedDocs.require("cross-format/story-about-happy-carrot.pdf");
    String h = home.toString();

    CliRun ingest =
        CliRun.run("app", "teacher", "ingest", "--home", h, "--course", "lit101", story.toString());
    CliRun ask =
        CliRun.run(
            "app",
            "teacher",
            "ask",
            "--home",
            h,
            "--course",
            "lit101",
            "--learner",
            "alice",
            "--offline",
            "--json",
            "What is the name of the cheerful carrot?");
    CliRun quiz =
        CliRun.run(
            "app",
            "teacher",
            "quiz",
            "--home",
            h,
            "--course",
            "lit101",
            "--offline",
            "--topic",
            "the caterpillars",
            "-n",
            "3");

    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    assertThat(ingest.out()).contains("Course lit101: 1 file: 1 added");
    assertThat(ask.exitCode()).as(ask.toString()).isZero();
    JsonNode answer = new ObjectMapper().readTree(ask.out());
    assertThat(answer.get("mode").asText()).isEqualTo("EXTRACTIVE");
    assertThat(answer.get("text").asText()).contains("Charlie");
    assertThat(answer.get("conversationId").asText()).isEqualTo("course-lit101:alice");
    assertThat(answer.get("citations").get(0).get("lesson").asText())
        .isEqualTo("story-about-happy-carrot.pdf");
    assertThat(answer.get("citations").get(0).get("page").isInt()).isTrue();
    assertThat(quiz.exitCode()).as(quiz.toString()).isZero();
    assertThat(quiz.out())
        .contains("1. Fill in the blank (story-about-happy-carrot.pdf, p. ")
        .contains("3. ")
        .contains("   Answer: ")
        .contains("(cloze)");
  }

  @Test
  void aCourseIdWithAPathInItIsAnErrorThatSaysWhatAnIdIs() {
    CliRun ask =
        CliRun.run(
            "app",
            "teacher",
            "ask",
            "--home",
            home.toString(),
            "--course",
            "../x",
            "--learner",
            "alice",
            "--offline",
            "question");

    assertThat(ask.exitCode()).isEqualTo(1);
    assertThat(ask.err()).contains("course id is 1 to 64 letters, digits");
  }
}
