package io.elavira.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraException;
import io.elavira.document.IngestException;
import io.elavira.guard.InputRejectedException;
import io.elavira.llm.LlmException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors under {@code --json}: one object on standard output, {@code {"error": {"type": T,
 * "message": M}}}, so that a script reads one JSON document whatever happened. The exit code is the
 * same as without {@code --json}: 2 for {@link #USAGE}, 1 for the others.
 */
public final class ErrorJson {

  /** The command line is wrong (unknown option, missing argument...); exit code 2. */
  public static final String USAGE = "usage";

  /** The question was refused: empty, or over the length limit. */
  public static final String INVALID_INPUT = "invalid_input";

  /** An argument is wrong for this home (a conversation of another user, a bad URL...). */
  public static final String INVALID_ARGUMENT = "invalid_argument";

  /** The language model failed in a way that no extractive answer could cover. */
  public static final String LLM = "llm";

  /** A document could not be ingested. */
  public static final String INGEST = "ingest";

  /** Any other Elavira failure (storage, embedding model...). */
  public static final String ELAVIRA = "elavira";

  /** A bug: an exception Elavira does not expect. */
  public static final String INTERNAL = "internal";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorJson() {}

  /**
   * Whether the raw arguments ask for JSON: {@code --json} or {@code -j} before any {@code --}.
   * Used for usage errors, when the command line could not be parsed.
   */
  static boolean requested(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--json") || arg.equals("-j")) {
        return true;
      }
    }
    return false;
  }

  /** The error type of an exception thrown by a command. */
  public static String typeOf(Exception e) {
    if (e instanceof InputRejectedException) {
      return INVALID_INPUT;
    }
    if (e instanceof LlmException) {
      return LLM;
    }
    if (e instanceof IngestException) {
      return INGEST;
    }
    if (e instanceof ElaviraException) {
      return ELAVIRA;
    }
    if (e instanceof IllegalArgumentException) {
      return INVALID_ARGUMENT;
    }
    return INTERNAL;
  }

  /** The message shown for an exception: its own, or its class for an unexpected one. */
  static String messageOf(Exception e) {
    if (typeOf(e).equals(INTERNAL) || e.getMessage() == null) {
      return "unexpected error: " + e + " (run again with --verbose for the stack trace)";
    }
    return e.getMessage();
  }

  /**
   * The error object {@code {"error": {"type": type, "message": message}}}, for a JSON writer (the
   * reference server answers errors with it).
   */
  public static Map<String, Map<String, String>> body(String type, String message) {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("type", type);
    error.put("message", message);
    return Map.of("error", error);
  }

  /** Prints {@code {"error": {"type": type, "message": message}}} on one line. */
  static void print(String type, String message, PrintWriter out) {
    try {
      out.println(JSON.writeValueAsString(body(type, message)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of two strings could not be written as JSON", e);
    }
    out.flush();
  }
}
