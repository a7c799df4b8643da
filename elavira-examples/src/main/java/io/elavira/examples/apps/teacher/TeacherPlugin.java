package io.elavira.examples.apps.teacher;

import io.elavira.Answer;
import io.elavira.AnswerMode;
import io.elavira.ElaviraAgent;
import io.elavira.ElaviraAgentBuilder;
import io.elavira.document.Chunker;
import io.elavira.embed.EmbeddingModel;
import io.elavira.ingest.IngestListener;
import io.elavira.ingest.IngestReport;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.llm.LlmProvider;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * VirtualTeacher: the embedding API a learning platform (FormEduc) calls to ingest a course, answer
 * learners from it with lesson and page citations, and write quizzes whose answers are in the
 * material.
 *
 * <pre>{@code
 * try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
 *     OnnxEmbeddingModel embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
 *     TeacherPlugin teacher = TeacherPlugin.builder(store, embeddings).llm(ollama).build()) {
 *   teacher.ingestCourse("biology-101", List.of(Path.of("courses/biology-101")));
 *   TeacherAnswer a = teacher.ask("learner-42", "biology-101", "What does chlorophyll absorb?");
 *   List<QuizQuestion> quiz = teacher.quiz("biology-101", "photosynthesis", 5);
 * }
 * }</pre>
 *
 * <p><b>Courses and learners.</b> Each course is its own agent of the home (agent id {@code
 * course-<courseId>}): its documents, index and conversations are apart from every other course's.
 * Each learner has one conversation per course ({@code course-<courseId>:<learnerId>}), so a
 * learner's follow-up questions see their own earlier exchange and never another learner's.
 *
 * <p><b>Guide mode.</b> With {@link Builder#guideMode(boolean)}, the model is told to guide the
 * learner with hints and questions and to point to the lesson and page rather than give the answer
 * away; without a model, the reply names where to look instead of quoting the passage.
 *
 * <p><b>Lifecycle and threading.</b> Thread-safe. Course agents are opened on first use and kept
 * until {@link #close()}, which closes them; the store, embedding model and language model given to
 * the builder stay open (their owner closes them).
 */
public final class TeacherPlugin implements AutoCloseable {

  /** System prompt of a course agent: answer from the course and cite lesson and page. */
  public static final String TEACHER_PROMPT =
      "You are a patient teacher. Answer the learner's question from the course passages given"
          + " below only, and cite the passages you use by their id in square brackets, e.g. [1]."
          + " If the passages do not hold the answer, say that the course does not cover it."
          + " Answer in the learner's language.";

  /** System prompt in guide mode: lead the learner to the answer without stating it. */
  public static final String GUIDE_PROMPT =
      "You are a patient teacher who guides rather than gives answers away. From the course"
          + " passages given below only, help the learner find the answer themselves: give a hint,"
          + " ask a leading question, and name the passage to read by its id in square brackets,"
          + " e.g. [1]. Never state the final answer, even when asked for it directly. If the"
          + " passages do not hold the answer, say that the course does not cover it. Answer in"
          + " the learner's language.";

  /** The user the quiz searches as: it sees the course's shared material only. */
  static final String QUIZ_USER = "quiz";

  /** Passages retrieved per quiz question asked for, so that unusable ones can be skipped. */
  static final int PASSAGES_PER_QUESTION = 2;

  /** Most questions one quiz may hold. */
  public static final int MAX_QUIZ_QUESTIONS = 20;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ElaviraStore store;
  private final EmbeddingModel embeddings;
  private final @Nullable LlmProvider llm;
  private final Chunker chunker;
  private final boolean guideMode;
  private final QuizWriter quizWriter;
  private final Map<String, ElaviraAgent> courses = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private TeacherPlugin(Builder b) {
    this.store = b.store;
    this.embeddings = b.embeddings;
    this.llm = b.llm;
    this.chunker = b.chunker != null ? b.chunker : RecursiveChunker.builder().build();
    this.guideMode = b.guideMode;
    this.quizWriter = new QuizWriter(b.llm);
  }

  /**
   * A builder over a home's store and an embedding model, both required and not owned.
   *
   * @throws NullPointerException when either is null
   */
  public static Builder builder(ElaviraStore store, EmbeddingModel embeddings) {
    return new Builder(store, embeddings);
  }

  /**
   * Ingests (or re-ingests: unchanged files are skipped) the course's files or folders.
   *
   * @param courseId letters, digits, '-' and '_', at most 64
   * @param files files or folders of course material (PDF, DOCX, Markdown, text...)
   * @return what happened to each file
   * @throws IllegalArgumentException when the course id is not valid or no file is given
   * @throws io.elavira.ElaviraException when the store or the embedding model fails
   */
  public IngestReport ingestCourse(String courseId, List<Path> files) {
    return ingestCourse(courseId, files, (outcome, done, total) -> {});
  }

  /**
   * Like {@link #ingestCourse(String, List)}, reporting progress to {@code listener}.
   *
   * @throws IllegalArgumentException when the course id is not valid or no file is given
   */
  public IngestReport ingestCourse(String courseId, List<Path> files, IngestListener listener) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("Give at least one file or folder for course " + courseId);
    }
    IngestionPipeline pipeline =
        IngestionPipeline.builder()
            .indexer(course(courseId))
            .chunker(chunker)
            .listener(listener)
            .build();
    return pipeline.ingest(files);
  }

  /**
   * Answers a learner from the course, in the learner's own conversation for that course.
   *
   * @param learnerId letters, digits, '-' and '_', at most 64
   * @param courseId the course, as given to {@link #ingestCourse(String, List)}
   * @param question the question
   * @return the reply with the lessons and pages it rests on
   * @throws IllegalArgumentException when an id is not valid
   * @throws io.elavira.guard.InputRejectedException when the question is blank or too long
   */
  public TeacherAnswer ask(String learnerId, String courseId, String question) {
    requireId("learner", learnerId);
    ElaviraAgent course = course(courseId);
    Answer answer = course.ask(learnerId, course.agentId() + ":" + learnerId, question);
    List<Citation> citations = answer.sources().stream().map(Citation::of).toList();
    String text = answer.text();
    if (guideMode && answer.mode() == AnswerMode.EXTRACTIVE && !citations.isEmpty()) {
      // Quoting the passage would give the answer away: say where to read instead.
      text =
          "Hint: the course answers this in "
              + citations.stream().map(Citation::label).distinct().collect(Collectors.joining("; "))
              + ". Read it, then try to answer in your own words.";
    }
    return new TeacherAnswer(
        text, answer.mode(), citations, answer.conversationId(), answer.traceId());
  }

  /**
   * Writes up to {@code n} questions on {@code topic} whose answers are in the course material,
   * each citing its passage: generated by the model as JSON and checked against the passage, or,
   * without a model (or when a generated question does not check out), cloze questions built from
   * the passage's sentences. Fewer than {@code n} when the course has too little on the topic; none
   * when it has nothing.
   *
   * @throws IllegalArgumentException when the course id is not valid, {@code topic} is blank, or
   *     {@code n} is not within 1 and {@link #MAX_QUIZ_QUESTIONS}
   */
  public List<QuizQuestion> quiz(String courseId, String topic, int n) {
    if (n < 1 || n > MAX_QUIZ_QUESTIONS) {
      throw new IllegalArgumentException(
          "A quiz holds 1 to " + MAX_QUIZ_QUESTIONS + " questions, got " + n);
    }
    if (topic.isBlank()) {
      throw new IllegalArgumentException("Name the quiz's topic (it is blank)");
    }
    ElaviraAgent course = course(courseId);
    return new ArrayList<>(
        quizWriter.write(topic, course.retrieve(QUIZ_USER, topic, n * PASSAGES_PER_QUESTION), n));
  }

  /** Whether answers are written in guide mode. */
  public boolean guideMode() {
    return guideMode;
  }

  /** Closes the course agents opened so far. Idempotent. */
  @Override
  public void close() {
    closed = true;
    RuntimeException failure = null;
    for (ElaviraAgent agent : courses.values()) {
      try {
        agent.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    courses.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private ElaviraAgent course(String courseId) {
    requireId("course", courseId);
    if (closed) {
      throw new IllegalStateException("The TeacherPlugin is closed; build a new one");
    }
    return courses.computeIfAbsent(courseId, this::openCourse);
  }

  private ElaviraAgent openCourse(String courseId) {
    ElaviraAgentBuilder agent =
        ElaviraAgent.builder()
            .store(store)
            .embeddings(embeddings)
            .agentId("course-" + courseId)
            .systemPrompt(guideMode ? GUIDE_PROMPT : TEACHER_PROMPT);
    if (llm != null) {
      agent.llm(llm);
    }
    return agent.build();
  }

  private static void requireId(String what, String id) {
    Objects.requireNonNull(id, what + "Id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "A "
              + what
              + " id is 1 to 64 letters, digits, '-' or '_'; got one of "
              + id.length()
              + " characters that is not");
    }
  }

  /** Configures a {@link TeacherPlugin}. Not thread-safe; build once. */
  public static final class Builder {
    private final ElaviraStore store;
    private final EmbeddingModel embeddings;
    private @Nullable LlmProvider llm;
    private @Nullable Chunker chunker;
    private boolean guideMode;
    private boolean guideModeSet;

    private Builder(ElaviraStore store, EmbeddingModel embeddings) {
      this.store = Objects.requireNonNull(store, "store");
      this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    }

    /**
     * The language model (a provider, a fallback chain...); without one, answers quote the course
     * and quizzes are cloze questions. Not owned.
     *
     * @throws IllegalStateException when already set
     */
    public Builder llm(LlmProvider llm) {
      if (this.llm != null) {
        throw new IllegalStateException("llm was already set to " + this.llm.name());
      }
      this.llm = Objects.requireNonNull(llm, "llm");
      return this;
    }

    /**
     * How course files are split into passages; default: a {@link RecursiveChunker} with its
     * defaults. Pass one sized to the embedding model's own tokens when you have it.
     *
     * @throws IllegalStateException when already set
     */
    public Builder chunker(Chunker chunker) {
      if (this.chunker != null) {
        throw new IllegalStateException("chunker was already set");
      }
      this.chunker = Objects.requireNonNull(chunker, "chunker");
      return this;
    }

    /**
     * Guide the learner rather than give answers away (default false).
     *
     * @throws IllegalStateException when already set
     */
    public Builder guideMode(boolean guideMode) {
      if (guideModeSet) {
        throw new IllegalStateException("guideMode was already set to " + this.guideMode);
      }
      this.guideModeSet = true;
      this.guideMode = guideMode;
      return this;
    }

    /** The plugin; course agents open on first use. */
    public TeacherPlugin build() {
      return new TeacherPlugin(this);
    }
  }
}
