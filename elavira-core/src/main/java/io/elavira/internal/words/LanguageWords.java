package io.elavira.internal.words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The French and English words of {@value #RESOURCE}, the one list the agent runtime reads
 * questions with: the function words that tell French from English, the stop words dropped when a
 * question is matched to an agent's description, and the small-talk cues and fillers. Each line
 * holds a word and its uses ({@code en}, {@code fr}, {@code stop}, {@code cue}, {@code filler}).
 *
 * <p>Not API. Read once by each holder ({@link #read()}); immutable and thread-safe.
 */
public final class LanguageWords {
  /** The resource holding the words, next to this class. */
  public static final String RESOURCE = "language-words.txt";

  private static final List<String> USES = List.of("en", "fr", "stop", "cue", "filler");

  private final Set<String> english;
  private final Set<String> french;
  private final Set<String> stopWords;
  private final Set<String> smallTalkCues;
  private final Set<String> smallTalkFillers;

  private LanguageWords(Map<String, Set<String>> byUse) {
    this.english = Set.copyOf(byUse.getOrDefault("en", Set.of()));
    this.french = Set.copyOf(byUse.getOrDefault("fr", Set.of()));
    this.stopWords = Set.copyOf(byUse.getOrDefault("stop", Set.of()));
    this.smallTalkCues = Set.copyOf(byUse.getOrDefault("cue", Set.of()));
    this.smallTalkFillers = Set.copyOf(byUse.getOrDefault("filler", Set.of()));
  }

  /**
   * Reads {@value #RESOURCE} from the class path.
   *
   * @throws IllegalStateException when the resource is missing or malformed (a packaging error)
   */
  public static LanguageWords read() {
    try (InputStream in = LanguageWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Resource io/elavira/internal/words/" + RESOURCE + " is missing from elavira-core");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(reader.lines().toList(), RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the lines of a word list: {@code #} starts a comment, blank lines are skipped, any other
   * line is a lower-case word followed by one or more uses.
   *
   * @throws IllegalStateException naming {@code source} and the line when a word repeats, has no
   *     use or an unknown one, or is not lower case
   */
  static LanguageWords parse(List<String> lines, String source) {
    Map<String, Set<String>> byUse = new LinkedHashMap<>();
    USES.forEach(use -> byUse.put(use, new LinkedHashSet<>()));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      String word = fields[0];
      String where = source + " line " + (i + 1) + " ('" + word + "')";
      if (!word.equals(word.toLowerCase(Locale.ROOT))) {
        throw new IllegalStateException(where + ": write the word in lower case");
      }
      if (!seen.add(word)) {
        throw new IllegalStateException(where + ": the word is listed twice, merge its uses");
      }
      if (fields.length == 1) {
        throw new IllegalStateException(where + ": give at least one use of " + USES);
      }
      for (int f = 1; f < fields.length; f++) {
        Set<String> words = byUse.get(fields[f]);
        if (words == null) {
          throw new IllegalStateException(
              where + ": unknown use '" + fields[f] + "', expected one of " + USES);
        }
        words.add(word);
      }
    }
    return new LanguageWords(byUse);
  }

  /** Words that are evidence of English (function words, greetings). */
  public Set<String> english() {
    return english;
  }

  /** Words that are evidence of French (function words, greetings), accents as written. */
  public Set<String> french() {
    return french;
  }

  /** French and English words that say nothing about a topic, lower case without accents. */
  public Set<String> stopWords() {
    return stopWords;
  }

  /** Words that make a message small talk by themselves (greetings, thanks, goodbyes). */
  public Set<String> smallTalkCues() {
    return smallTalkCues;
  }

  /** Words that may accompany a small-talk cue and keep the message small talk. */
  public Set<String> smallTalkFillers() {
    return smallTalkFillers;
  }

  @Override
  public String toString() {
    return "LanguageWords["
        + RESOURCE
        + ", "
        + english().size()
        + " en, "
        + french().size()
        + " fr, "
        + stopWords().size()
        + " stop]";
  }
}
