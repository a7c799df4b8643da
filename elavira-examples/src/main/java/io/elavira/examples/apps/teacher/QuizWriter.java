package io.elavira.examples.apps.teacher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.Source;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.JsonSchema;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmProvider;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes quiz questions from retrieved passages: with a model, one JSON question per passage
 * (checked against the passage: its quote must be in it and its answer in the quote); without a
 * model, or when the model's question does not check out, a cloze question (a sentence of the
 * passage with one key word blanked). Thread-safe.
 */
final class QuizWriter {
  private static final Logger LOG = LoggerFactory.getLogger(QuizWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The shape the model must answer in. */
  static final JsonSchema SCHEMA =
      new JsonSchema(
          "quiz_question",
          """
          {"type": "object",
           "properties": {
             "question": {"type": "string"},
             "answer": {"type": "string"},
             "quote": {"type": "string"}},
           "required": ["question", "answer", "quote"],
           "additionalProperties": false}""");

  static final String SYSTEM_PROMPT =
      "You write one quiz question for a learner from the course passage given by the user. The"
          + " answer must be stated in the passage. Reply with JSON only: \"question\" (in the"
          + " passage's language), \"answer\" (a few words copied from the passage) and \"quote\""
          + " (the exact sentence of the passage that contains the answer).";

  /** Blank shown in place of the cloze answer. */
  static final String BLANK = "_____";

  /** Sentences shorter or longer than this make poor cloze questions. */
  private static final int MIN_SENTENCE_CHARS = 30;

  private static final int MAX_SENTENCE_CHARS = 320;

  /** Shortest word worth blanking (numbers excepted). */
  private static final int MIN_WORD_CHARS = 5;

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'-]*\\p{L}|\\d+(?:[.,]\\d+)?");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");

  /** Common English and French words that make no sense as an answer. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          ("about after again always because before being between could every first often other"
                  + " should their there these those through under where which while would alors"
                  + " après avant avoir cette comme dans depuis donc elles encore entre être leurs"
                  + " mais même notre nous parce pendant peut plus pour quand selon sont toujours"
                  + " tous toute toutes votre vous")
              .split(" "));

  private final @Nullable LlmProvider llm;

  QuizWriter(@Nullable LlmProvider llm) {
    this.llm = llm;
  }

  /**
   * Up to {@code n} questions from {@code passages} (best first): one per passage first, then more
   * sentences of the same passages when there are fewer passages than questions.
   */
  List<QuizQuestion> write(String topic, List<Source> passages, int n) {
    List<QuizQuestion> quiz = new ArrayList<>();
    Set<String> asked = new LinkedHashSet<>();
    List<List<String>> sentences = new ArrayList<>();
    for (Source passage : passages) {
      if (quiz.size() == n) {
        return quiz;
      }
      sentences.add(sentences(passage.text()));
      QuizQuestion generated = llm == null ? null : generated(topic, passage);
      QuizQuestion question =
          generated != null ? generated : cloze(passage, sentences.get(sentences.size() - 1), 0);
      if (question != null && asked.add(question.question())) {
        quiz.add(question);
      }
    }
    // Fewer passages than questions: blank further sentences of the same passages, round-robin.
    for (int round = 1; quiz.size() < n; round++) {
      boolean any = false;
      for (int i = 0; i < passages.size() && quiz.size() < n; i++) {
        if (round < sentences.get(i).size()) {
          any = true;
          QuizQuestion question = cloze(passages.get(i), sentences.get(i), round);
          if (question != null && asked.add(question.question())) {
            quiz.add(question);
          }
        }
      }
      if (!any) {
        break;
      }
    }
    return quiz;
  }

  /** The model's question on one passage, or null when it fails or does not check out. */
  private @Nullable QuizQuestion generated(String topic, Source passage) {
    ChatRequest request =
        ChatRequest.builder(
                List.of(
                    ChatMessage.system(SYSTEM_PROMPT),
                    ChatMessage.user(
                        "Topic: " + topic + "\n\nPassage:\n<<<\n" + passage.text() + "\n>>>")))
            .temperature(0.2)
            .jsonSchema(SCHEMA)
            .build();
    ChatResponse response;
    try {
      response = java.util.Objects.requireNonNull(llm).chat(request);
    } catch (LlmException e) {
      LOG.debug("The model wrote no quiz question ({}); using a cloze question", e.kind());
      return null;
    }
    String body = response.json() != null ? response.json() : response.text();
    try {
      JsonNode node = JSON.readTree(body);
      String question = text(node, "question");
      String answer = text(node, "answer");
      String quote = text(node, "quote");
      String inPassage = folded(passage.text());
      if (question.isBlank()
          || answer.isBlank()
          || !inPassage.contains(folded(quote))
          || !folded(quote).contains(folded(answer))) {
        LOG.debug("The model's quiz question is not backed by its passage; using a cloze question");
        return null;
      }
      return new QuizQuestion(
          question.strip(), answer.strip(), QuizQuestion.Kind.GENERATED, Citation.of(passage));
    } catch (JsonProcessingException e) {
      LOG.debug("The model's quiz question is not JSON; using a cloze question");
      return null;
    }
  }

  private static String text(@Nullable JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return "";
    }
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : "";
  }

  /**
   * The {@code index}-th usable sentence of the passage with its key word blanked: the first
   * number, else the longest word that is not a common one; null when there is no such sentence.
   */
  static @Nullable QuizQuestion cloze(Source passage, List<String> sentences, int index) {
    if (index >= sentences.size()) {
      return null;
    }
    String sentence = sentences.get(index);
    String answer = keyWord(sentence);
    if (answer == null) {
      return null;
    }
    Matcher m =
        Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(answer) + "(?![\\p{L}\\d])")
            .matcher(sentence);
    String blanked = m.replaceFirst(Matcher.quoteReplacement(BLANK));
    Citation citation = Citation.of(passage);
    return new QuizQuestion(
        "Fill in the blank (" + citation.label() + "): " + blanked,
        answer,
        QuizQuestion.Kind.CLOZE,
        citation);
  }

  /** The passage's sentences that make usable cloze questions, in order. */
  static List<String> sentences(String passage) {
    List<String> usable = new ArrayList<>();
    for (String s : SENTENCE_END.split(passage.replaceAll("\\s+", " ").strip())) {
      if (s.length() >= MIN_SENTENCE_CHARS
          && s.length() <= MAX_SENTENCE_CHARS
          && keyWord(s) != null) {
        usable.add(s);
      }
    }
    return usable;
  }

  private static @Nullable String keyWord(String sentence) {
    Matcher words = WORD.matcher(sentence);
    String best = null;
    while (words.find()) {
      String w = words.group();
      if (NUMBER.matcher(w).matches()) {
        return w;
      }
      if (w.length() >= MIN_WORD_CHARS
          && !STOP_WORDS.contains(w.toLowerCase(Locale.ROOT))
          && (best == null || w.length() > best.length())) {
        best = w;
      }
    }
    return best;
  }

  /** Lower case, no accents, single spaces, no punctuation: to compare a quote with a passage. */
  static String folded(String text) {
    String noAccents = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return noAccents.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\d]+", " ").strip();
  }
}
