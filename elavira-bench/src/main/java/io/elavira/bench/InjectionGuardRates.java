package io.elavira.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.guard.InjectionDetector;
import io.elavira.guard.InjectionVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Detection rate of {@link InjectionDetector} on a public attack corpus, and false-positive rate on
 * benign questions and passages, printed as Markdown. Nothing is copied into the repository: every
 * set is read from the path given.
 *
 * <ul>
 *   <li>{@code --attacks FILE}: a CSV with a header holding {@code prompt} and {@code group}
 *       columns, e.g. {@code prompt_injections.csv} of github.com/Giskard-AI/prompt-injections
 *       (MIT; prompts from garak and PromptInject), every row an attack;
 *   <li>{@code --benign-queries FILE} (repeatable): BEIR {@code queries.jsonl}, one benign question
 *       per line in {@code text};
 *   <li>{@code --benign-squad FILE} (repeatable): a SQuAD v1.1 JSON file, every question benign;
 *   <li>{@code --benign-passages FILE} (repeatable): BEIR {@code corpus.jsonl}, documents scanned
 *       as retrieved passages.
 * </ul>
 *
 * <pre>
 * mvn -B -o -q -pl elavira-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "elavira-bench/target/classes:$(cat elavira-bench/cp.txt)" \
 *     io.elavira.bench.InjectionGuardRates --attacks /tmp/prompt_injections.csv \
 *     --benign-queries ../shared/data/retrieval/fr-service-public/beir/queries.jsonl \
 *     --benign-squad /tmp/dev-v1.1.json \
 *     --benign-passages ../shared/data/retrieval/fr-service-public/beir/corpus.jsonl
 * </pre>
 */
public final class InjectionGuardRates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InjectionGuardRates() {}

  /** Runs the measurement; see the class documentation for the arguments. */
  public static void main(String[] args) throws IOException {
    Map<String, List<String>> attacks = new TreeMap<>();
    Map<String, List<String>> benign = new LinkedHashMap<>();
    Map<String, List<String>> passages = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      Path file = Path.of(args[i + 1]);
      switch (args[i]) {
        case "--attacks" -> readAttacks(file, attacks);
        case "--benign-queries" -> benign.put(file.toString(), beirTexts(file));
        case "--benign-squad" -> benign.put(file.toString(), squadQuestions(file));
        case "--benign-passages" -> passages.put(file.toString(), beirTexts(file));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (attacks.isEmpty() && benign.isEmpty() && passages.isEmpty()) {
      throw new IllegalArgumentException(
          "give --attacks, --benign-queries, --benign-squad or --benign-passages");
    }
    InjectionDetector detector = new InjectionDetector();
    System.out.printf(
        Locale.ROOT,
        "# Injection guard (threshold %.2f)%n%n| set | texts | flagged | rate |%n|---|---|---|---|%n",
        detector.threshold());
    List<String> notes = new ArrayList<>();
    int allAttacks = 0;
    int allCaught = 0;
    Map<String, Integer> rulesOnAttacks = new TreeMap<>();
    for (Map.Entry<String, List<String>> group : attacks.entrySet()) {
      int caught = 0;
      for (String text : group.getValue()) {
        InjectionVerdict v = detector.scan(text);
        if (v.suspicious()) {
          caught++;
          v.categories().forEach(c -> rulesOnAttacks.merge(c, 1, Integer::sum));
        } else {
          notes.add(
              String.format(
                  Locale.ROOT,
                  "missed [%s] score %.2f %s: %s",
                  group.getKey(),
                  v.score(),
                  v.rules(),
                  preview(text)));
        }
      }
      allAttacks += group.getValue().size();
      allCaught += caught;
      row("attacks: " + group.getKey(), group.getValue().size(), caught);
    }
    if (allAttacks > 0) {
      row("**attacks: all (detection rate)**", allAttacks, allCaught);
    }
    for (Map.Entry<String, List<String>> set : benign.entrySet()) {
      row(
          "benign questions: " + set.getKey() + " (false positives)",
          set.getValue().size(),
          flagged(detector, set.getValue(), "benign question", notes));
    }
    for (Map.Entry<String, List<String>> set : passages.entrySet()) {
      row(
          "benign passages: " + set.getKey() + " (false positives)",
          set.getValue().size(),
          flagged(detector, set.getValue(), "benign passage", notes));
    }
    long started = System.nanoTime();
    int scanned = 0;
    for (int round = 0; round < 20; round++) {
      for (List<String> texts : passages.values()) {
        for (String text : texts) {
          detector.scan(text);
          scanned++;
        }
      }
    }
    if (scanned > 0) {
      System.out.printf(
          Locale.ROOT,
          "%nScan time: %.3f ms per passage (mean over %d scans)%n",
          (System.nanoTime() - started) / 1e6 / scanned,
          scanned);
    }
    System.out.println("\nCategories of the rules that caught attacks: " + rulesOnAttacks);
    System.out.println();
    notes.forEach(n -> System.out.println("- " + n));
  }

  private static int flagged(
      InjectionDetector detector, List<String> texts, String label, List<String> notes) {
    int flagged = 0;
    for (String text : texts) {
      InjectionVerdict v = detector.scan(text);
      if (v.suspicious()) {
        flagged++;
        notes.add(
            String.format(
                Locale.ROOT,
                "flagged %s, score %.2f %s: %s",
                label,
                v.score(),
                v.rules(),
                preview(text)));
      }
    }
    return flagged;
  }

  private static void row(String set, int texts, int flagged) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %.1f %% |%n",
        set,
        texts,
        flagged,
        texts == 0 ? 0.0 : 100.0 * flagged / texts);
  }

  private static String preview(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() > 90 ? flat.substring(0, 90) + "…" : flat;
  }

  private static List<String> beirTexts(Path file) throws IOException {
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode node = JSON.readTree(line);
        String title = node.path("title").asText("");
        String text = node.path("text").asText("");
        texts.add(title.isEmpty() ? text : title + "\n" + text);
      }
    }
    return texts;
  }

  private static List<String> squadQuestions(Path file) throws IOException {
    List<String> questions = new ArrayList<>();
    for (JsonNode article : JSON.readTree(file.toFile()).path("data")) {
      for (JsonNode paragraph : article.path("paragraphs")) {
        for (JsonNode qa : paragraph.path("qas")) {
          questions.add(qa.path("question").asText());
        }
      }
    }
    return questions;
  }

  /** Reads an RFC 4180 CSV (quoted fields may hold commas, doubled quotes and line breaks). */
  private static void readAttacks(Path file, Map<String, List<String>> attacks) throws IOException {
    List<List<String>> rows = csv(Files.readString(file, StandardCharsets.UTF_8));
    List<String> header = rows.get(0);
    int prompt = header.indexOf("prompt");
    int group = header.indexOf("group");
    if (prompt < 0) {
      throw new IllegalArgumentException(file + " has no 'prompt' column: " + header);
    }
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() > prompt) {
        String name = group >= 0 && row.size() > group ? row.get(group) : "all";
        attacks.computeIfAbsent(name, k -> new ArrayList<>()).add(row.get(prompt));
      }
    }
  }

  private static List<List<String>> csv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
