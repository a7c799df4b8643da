package io.elavira.examples.apps.streamer;

import io.elavira.Answer;
import io.elavira.ElaviraAgent;
import io.elavira.guard.InputRejectedException;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.store.Feedback;
import io.elavira.store.FeedbackStore;
import io.elavira.store.Rating;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The StreamerAssistant's behaviour, apart from HTTP: answers a viewer session from the FAQ and the
 * documents with that session's own memory, checks every message before anything runs, records
 * feedback on answers, and reports its health and the model's.
 *
 * <p>Each session is one user with one conversation ({@code streamer-<sessionId>}), so a viewer's
 * follow-up sees their own earlier questions and never another viewer's. The language model is
 * whatever the agent was built with: typically a fallback chain that tries a remote API first, then
 * a local model; with none answering, answers are extractive (the FAQ's own text).
 *
 * <p>Thread-safe; holds nothing to close (the agent, the feedback store and the model belong to the
 * caller).
 */
public final class StreamerAssistant {

  /** Default longest message a viewer may send, in characters. */
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 500;

  /** Longest comment on feedback, in characters. */
  public static final int MAX_COMMENT_CHARS = 1_000;

  private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Control characters other than tab and line breaks: never part of a chat message. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n\\r]]");

  /**
   * What {@link #status()} reports.
   *
   * @param modelAvailable whether the language model (chain) answers its health check
   * @param modelDetail what the check said, or why answers are extractive
   * @param documents documents in the agent (the FAQ counts as one)
   */
  public record Status(boolean modelAvailable, String modelDetail, int documents) {
    /** Validates. */
    public Status {
      Objects.requireNonNull(modelDetail, "modelDetail");
    }
  }

  private final ElaviraAgent agent;
  private final FeedbackStore feedback;
  private final @Nullable LlmProvider llm;
  private final int maxMessageChars;

  /**
   * An assistant over {@code agent}.
   *
   * @param agent answers; its documents are the FAQ and the streamer's documents
   * @param feedback where ratings are stored (the home's store)
   * @param llm the model the agent was built with, for its status; null when answers are extractive
   * @param maxMessageChars longest message accepted, 1 or more
   * @throws IllegalArgumentException when {@code maxMessageChars} is below 1
   */
  public StreamerAssistant(
      ElaviraAgent agent, FeedbackStore feedback, @Nullable LlmProvider llm, int maxMessageChars) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.feedback = Objects.requireNonNull(feedback, "feedback");
    this.llm = llm;
    if (maxMessageChars < 1) {
      throw new IllegalArgumentException("maxMessageChars must be >= 1, got " + maxMessageChars);
    }
    this.maxMessageChars = maxMessageChars;
  }

  /** The longest message accepted, in characters. */
  public int maxMessageChars() {
    return maxMessageChars;
  }

  /**
   * Answers {@code message} in the session's conversation.
   *
   * @throws InputRejectedException when the session id is not valid, or the message is blank, over
   *     {@link #maxMessageChars()}, or holds control characters; nothing is stored then
   * @throws io.elavira.ElaviraException when the store or the embedding model fails
   */
  public Answer reply(String sessionId, String message) {
    checkSession(sessionId);
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new InputRejectedException("The message is blank: type a question.");
    }
    if (message.length() > maxMessageChars) {
      throw new InputRejectedException(
          "The message is "
              + message.length()
              + " characters; the most is "
              + maxMessageChars
              + ": shorten it.");
    }
    if (CONTROL.matcher(message).find()) {
      throw new InputRejectedException("The message holds control characters: send plain text.");
    }
    return agent.ask(sessionId, conversationId(sessionId), message.strip());
  }

  /**
   * Records the session's rating of one of its answers, replacing its earlier rating of it.
   *
   * @param traceId the answer's trace id ({@link Answer#traceId()})
   * @param rating thumbs or stars
   * @param comment a comment of at most {@link #MAX_COMMENT_CHARS}, or null
   * @throws InputRejectedException when the session id or the comment is not valid
   * @throws IllegalArgumentException when no answer has that trace id
   */
  public Feedback feedback(
      String sessionId, String traceId, Rating rating, @Nullable String comment) {
    checkSession(sessionId);
    if (comment != null
        && (comment.length() > MAX_COMMENT_CHARS || CONTROL.matcher(comment).find())) {
      throw new InputRejectedException(
          "A comment is plain text of at most " + MAX_COMMENT_CHARS + " characters.");
    }
    return feedback.give(traceId, sessionId, rating, comment);
  }

  /**
   * The model's health (asked now) and the number of documents.
   *
   * @throws io.elavira.ElaviraException when the store fails
   */
  public Status status() {
    int documents = agent.listDocuments().size();
    if (llm == null) {
      return new Status(false, "no language model: answers are extractive", documents);
    }
    Health health = llm.health();
    return new Status(health.available(), health.detail(), documents);
  }

  /** The conversation of a session. */
  static String conversationId(String sessionId) {
    return "streamer-" + sessionId;
  }

  private static void checkSession(String sessionId) {
    if (sessionId == null || !SESSION.matcher(sessionId).matches()) {
      throw new InputRejectedException("A session id is 1 to 64 letters, digits, '-' or '_'.");
    }
  }
}
