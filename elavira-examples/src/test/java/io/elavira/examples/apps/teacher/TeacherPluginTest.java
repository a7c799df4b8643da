package io.elavira.examples.apps.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.AnswerMode;
import io.elavira.examples.apps.InstantLlm;
import io.elavira.examples.apps.SharedDocs;
import io.elavira.ingest.IngestReport;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.Role;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VirtualTeacher over a real SQLite home, the real embedding model and the shared PDF fixtures. */
class TeacherPluginTest {
  static final String STORY = "cross-format/story-about-happy-carrot.pdf";
  static final String MEMO = "pdf/fake-memo.pdf";

  static OnnxEmbeddingModel embeddings;

  @TempDir Path home;
  ElaviraStore store;
  @Nullable TeacherPlugin teacher;

  @BeforeAll
  static void loadModel() {
    embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
  }

  @AfterAll
  static void closeModel() {
    embeddings.close();
  }

  @BeforeEach
  void openHome() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
  }

  @AfterEach
  void closeHome() {
    if (teacher != null) {
      teacher.close();
    }
    store.close();
  }

  private TeacherPlugin teacher(@Nullable LlmProvider llm, boolean guide) {
    TeacherPlugin.Builder builder = TeacherPlugin.builder(store, embeddings).guideMode(guide);
    if (llm != null) {
      builder.llm(llm);
    }
    teacher = builder.build();
    return teacher;
  }

  @Test
  void answersFromTheCourseCitingTheLessonAndItsPage() {
    Path story = SharedDocs.require(STORY);
    TeacherPlugin plugin = teacher(null, false);
    IngestReport report = plugin.ingestCourse("lit101", List.of(story));
    assertThat(report.added()).isEqualTo(1);

    TeacherAnswer answer =
        plugin.ask("alice", "lit101", "What is the name of the cheerful carrot?");

    assertThat(answer.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
    assertThat(answer.text()).contains("Charlie");
    assertThat(answer.citations()).isNotEmpty();
    Citation best = answer.citations().get(0);
    assertThat(best.lesson()).isEqualTo("story-about-happy-carrot.pdf");
    assertThat(best.page()).isIn(1, 2);
    assertThat(best.label()).startsWith("story-about-happy-carrot.pdf, p. ");
  }

  @Test
  void keepsEachCourseToItsOwnMaterial() {
    Path story = SharedDocs.require(STORY);
    Path memo = SharedDocs.require(MEMO);
    TeacherPlugin plugin = teacher(null, false);
    plugin.ingestCourse("lit101", List.of(story));
    plugin.ingestCourse("logistics", List.of(memo));

    TeacherAnswer answer = plugin.ask("alice", "logistics", "How many trucks were used?");

    assertThat(answer.citations()).extracting(Citation::lesson).containsOnly("fake-memo.pdf");
    assertThat(answer.text()).contains("3 trucks");
  }

  @Test
  void keepsEachLearnersConversationApart() {
    Path story = SharedDocs.require(STORY);
    InstantLlm llm = new InstantLlm(request -> "From the course [1].");
    TeacherPlugin plugin = teacher(llm, false);
    plugin.ingestCourse("lit101", List.of(story));

    TeacherAnswer alice1 = plugin.ask("alice", "lit101", "Who is Charlie?");
    TeacherAnswer bob = plugin.ask("bob", "lit101", "Where does Charlie live?");
    TeacherAnswer alice2 = plugin.ask("alice", "lit101", "And who are his friends?");

    assertThat(alice2.conversationId()).isEqualTo(alice1.conversationId());
    assertThat(bob.conversationId()).isNotEqualTo(alice1.conversationId());
    ChatRequest last = llm.requests().get(2);
    assertThat(InstantLlm.contents(last, Role.USER))
        .containsExactly("Who is Charlie?", "And who are his friends?");
    ChatRequest bobs = llm.requests().get(1);
    assertThat(InstantLlm.contents(bobs, Role.USER)).containsExactly("Where does Charlie live?");
    assertThat(alice2.mode()).isEqualTo(AnswerMode.GENERATED);
    assertThat(alice2.citations()).isNotEmpty();
  }

  @Test
  void guideModeTellsTheModelToGuideRatherThanGiveTheAnswer() {
    Path story = SharedDocs.require(STORY);
    InstantLlm llm = new InstantLlm(request -> "Look at passage [1]: what is his name there?");
    TeacherPlugin plugin = teacher(llm, true);
    plugin.ingestCourse("lit101", List.of(story));

    plugin.ask("alice", "lit101", "What is the carrot's name?");

    String system = InstantLlm.contents(llm.requests().get(0), Role.SYSTEM).get(0);
    assertThat(system).startsWith(TeacherPlugin.GUIDE_PROMPT).contains("Never state the final");
  }

  @Test
  void guideModeWithoutAModelSaysWhereToReadInsteadOfQuotingTheAnswer() {
    Path story = SharedDocs.require(STORY);
    TeacherPlugin plugin = teacher(null, true);
    plugin.ingestCourse("lit101", List.of(story));

    TeacherAnswer answer =
        plugin.ask("alice", "lit101", "What is the name of the cheerful carrot?");

    assertThat(answer.text())
        .startsWith("Hint: the course answers this in story-about-happy-carrot.pdf, p. ")
        .doesNotContain("Charlie");
  }

  @Test
  void offlineQuizBlanksAKeyWordOfEachCitedPassage() {
    Path story = SharedDocs.require(STORY);
    TeacherPlugin plugin = teacher(null, false);
    plugin.ingestCourse("lit101", List.of(story));

    List<QuizQuestion> quiz = plugin.quiz("lit101", "Charlie's friends in VeggieVille", 4);

    assertThat(quiz).hasSize(4);
    assertThat(quiz).extracting(QuizQuestion::question).doesNotHaveDuplicates();
    for (QuizQuestion q : quiz) {
      assertThat(q.kind()).isEqualTo(QuizQuestion.Kind.CLOZE);
      assertThat(q.citation().lesson()).isEqualTo("story-about-happy-carrot.pdf");
      String sentence = q.question().substring(q.question().indexOf("): ") + 3);
      // Putting the answer back in the blank gives a sentence of the cited passage.
      String restored = sentence.replace(QuizWriter.BLANK, q.answer());
      assertThat(QuizWriter.folded(q.citation().passage())).contains(QuizWriter.folded(restored));
    }
  }

  @Test
  void keepsTheModelsQuestionsOnlyWhenTheCitedPassageBacksThem() {
    Path story = SharedDocs.require(STORY);
    // The model quotes the passage's first sentence and takes its first word as the answer for
    // the first passage; then it makes an answer up.
    Function<ChatRequest, String> model =
        new Function<>() {
          int calls;

          @Override
          public String apply(ChatRequest request) {
            Matcher passage =
                Pattern.compile("<<<\\n(.*?)\\n>>>", Pattern.DOTALL)
                    .matcher(InstantLlm.contents(request, Role.USER).get(0));
            passage.find();
            String sentence = passage.group(1).replaceAll("\\s+", " ").split("(?<=[.!?]) ")[0];
            String word = sentence.split(" ")[0];
            return calls++ == 0
                ? "{\"question\": \"Which word opens the passage?\", \"answer\": \""
                    + word
                    + "\", \"quote\": \""
                    + sentence.replace("\"", "\\\"")
                    + "\"}"
                : "{\"question\": \"Where is the Eiffel tower?\", \"answer\": \"Paris\","
                    + " \"quote\": \"The tower is in Paris.\"}";
          }
        };
    InstantLlm llm = new InstantLlm(model);
    TeacherPlugin plugin = teacher(llm, false);
    plugin.ingestCourse("lit101", List.of(story));

    List<QuizQuestion> quiz = plugin.quiz("lit101", "the feast against the caterpillars", 2);

    assertThat(quiz).hasSize(2);
    assertThat(quiz.get(0).kind()).isEqualTo(QuizQuestion.Kind.GENERATED);
    assertThat(quiz.get(0).question()).isEqualTo("Which word opens the passage?");
    assertThat(quiz.get(0).citation().passage()).contains(quiz.get(0).answer());
    assertThat(quiz.get(1).kind()).isEqualTo(QuizQuestion.Kind.CLOZE);
    assertThat(quiz).extracting(QuizQuestion::answer).doesNotContain("Paris");
    assertThat(llm.requests())
        .allSatisfy(r -> assertThat(r.jsonSchema()).isEqualTo(QuizWriter.SCHEMA));
  }

  @Test
  void refusesIdsThatCouldMixCoursesOrLearners() {
    TeacherPlugin plugin = teacher(null, false);

    assertThatThrownBy(() -> plugin.ask("alice:x", "lit101", "question"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("learner id");
    assertThatThrownBy(() -> plugin.quiz("../lit101", "topic", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("course id");
    assertThatThrownBy(() -> plugin.quiz("lit101", "topic", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
