package io.elavira.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.AnswerMode;
import io.elavira.examples.apps.teacher.Citation;
import io.elavira.examples.apps.teacher.QuizQuestion;
import io.elavira.examples.apps.teacher.TeacherAnswer;
import io.elavira.examples.apps.teacher.TeacherPlugin;
import io.elavira.ingest.IngestReport;
import io.elavira.llm.LlmProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira app teacher ingest|ask|quiz}: VirtualTeacher from the command line, over {@link
 * TeacherPlugin} on an agent home (one agent per course in it).
 */
@Command(
    name = "teacher",
    mixinStandardHelpOptions = true,
    description = {
      "VirtualTeacher: answer learners from a course with lesson/page citations, and write quizzes.",
      "Each course is its own agent of the home; each learner has their own conversation."
    },
    subcommands = {
      TeacherCommand.Ingest.class,
      TeacherCommand.Ask.class,
      TeacherCommand.Quiz.class
    },
    footer = {
      "",
      "Examples:",
      "  elavira app teacher ingest --course bio101 courses/bio101",
      "  elavira app teacher ask --course bio101 --learner alice \"What does chlorophyll absorb?\"",
      "  elavira app teacher ask --course bio101 --learner alice --guide \"What is the answer to 3?\"",
      "  elavira app teacher quiz --course bio101 --topic photosynthesis -n 5"
    })
final class TeacherCommand implements Runnable {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: ingest, ask or quiz.");
  }

  /** The options every teacher command takes: the home, the course and the language model. */
  static final class CourseOptions {
    @Mixin(name = "home")
    HomeOptions home;

    @Mixin(name = "json")
    JsonOption json;

    @Option(
        names = "--course",
        required = true,
        paramLabel = "ID",
        description = "The course: letters, digits, '-' and '_'.")
    String course;
  }

  /**
   * Opens the home (and the language model when {@code llm} is given), runs {@code work} on a
   * plugin over it, and closes everything.
   */
  static <T> T withTeacher(
      Path home,
      @Nullable LlmOptions llm,
      boolean guide,
      PrintWriter err,
      BiFunction<AgentSession, TeacherPlugin, T> work) {
    try (AgentSession session = AgentSession.open(home, llm, null, err)) {
      TeacherPlugin.Builder builder =
          TeacherPlugin.builder(session.store(), session.embeddings())
              .chunker(session.chunker())
              .guideMode(guide);
      LlmProvider model = session.llm();
      if (model != null) {
        builder.llm(model);
      }
      try (TeacherPlugin teacher = builder.build()) {
        return work.apply(session, teacher);
      }
    }
  }

  /** {@code elavira app teacher ingest --course ID PATH...}. */
  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description = "Ingest a course's files or folders (unchanged files are skipped).")
  static final class Ingest implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private CourseOptions course;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Course files or folders.")
    private List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      IngestProgress progress =
          new IngestProgress(
              out,
              err,
              course.json.enabled()
                  ? IngestProgress.Style.FAILURES_ONLY
                  : IngestProgress.Style.forConsole());
      long[] embedded = new long[1];
      IngestReport report =
          withTeacher(
              course.home.home(),
              null,
              false,
              err,
              (session, teacher) -> {
                IngestReport r = teacher.ingestCourse(course.course, paths, progress);
                embedded[0] = session.embeddedTexts();
                return r;
              });
      progress.finish();
      if (course.json.enabled()) {
        out.println(JSON.writeValueAsString(IngestOutcomes.json(report, List.of(), embedded[0])));
      } else {
        out.println("Course " + course.course + ": " + IngestCommand.summary(report, embedded[0]));
      }
      out.flush();
      return report.nothingIngested() ? 1 : 0;
    }
  }

  /** {@code elavira app teacher ask --course ID --learner ID [--guide] QUESTION}. */
  @Command(
      name = "ask",
      mixinStandardHelpOptions = true,
      description = "Answer a learner's question from the course, citing lessons and pages.")
  static final class Ask implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private CourseOptions course;

    @Mixin(name = "llm")
    private LlmOptions llm;

    @Option(
        names = "--learner",
        required = true,
        paramLabel = "ID",
        description = "The learner: each has their own conversation per course.")
    private String learner;

    @Option(
        names = "--guide",
        description = "Guide with hints and where to read rather than give the answer away.")
    private boolean guide;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question.")
    private List<String> words = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      llm.validate();
      TeacherAnswer answer =
          withTeacher(
              course.home.home(),
              llm,
              guide,
              err,
              (session, teacher) -> teacher.ask(learner, course.course, String.join(" ", words)));
      if (course.json.enabled()) {
        out.println(JSON.writeValueAsString(answer));
      } else {
        out.println(answer.text().strip());
        out.println();
        out.println(answer.citations().isEmpty() ? "Citations: none" : "Citations:");
        int rank = 1;
        for (Citation c : answer.citations()) {
          out.println("  [" + rank++ + "] " + c.label());
        }
        out.println(
            answer.mode() == AnswerMode.GENERATED
                ? "(generated; conversation " + answer.conversationId() + ")"
                : "(extractive, from the course; conversation " + answer.conversationId() + ")");
      }
      out.flush();
      return 0;
    }
  }

  /** {@code elavira app teacher quiz --course ID --topic TOPIC [-n N]}. */
  @Command(
      name = "quiz",
      mixinStandardHelpOptions = true,
      description =
          "Write quiz questions whose answers are in the course, each citing its passage.")
  static final class Quiz implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private CourseOptions course;

    @Mixin(name = "llm")
    private LlmOptions llm;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic.")
    private String topic;

    @Option(
        names = {"-n", "--questions"},
        paramLabel = "N",
        description = "How many questions (1 to 20, default ${DEFAULT-VALUE}).")
    private int questions = 5;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      llm.validate();
      List<QuizQuestion> quiz =
          withTeacher(
              course.home.home(),
              llm,
              false,
              err,
              (session, teacher) -> teacher.quiz(course.course, topic, questions));
      if (course.json.enabled()) {
        out.println(JSON.writeValueAsString(quiz));
      } else if (quiz.isEmpty()) {
        out.println("The course has nothing on \"" + topic + "\" to ask about.");
      } else {
        int number = 1;
        for (QuizQuestion q : quiz) {
          out.println(number++ + ". " + q.question());
          out.println("   Answer: " + q.answer());
          out.println(
              "   Source: "
                  + q.citation().label()
                  + (q.kind() == QuizQuestion.Kind.CLOZE ? " (cloze)" : " (generated, checked)"));
        }
      }
      out.flush();
      return quiz.isEmpty() ? 1 : 0;
    }
  }
}
