package io.elavira.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a larger corpus of distinct text files for the ingestion benchmarks: the sentences of the
 * shared text documents ({@code .txt}, {@code .md} under {@code --docs}) and of the French
 * retrieval corpus ({@code corpus.jsonl} under {@code --retrieval}) recombined at random (fixed
 * seed) into paragraphs of 3 to 7 sentences. Every paragraph is a new combination, so the chunks
 * are distinct texts and the embedding cache cannot short-cut them.
 *
 * <pre>
 * java -cp ... io.elavira.bench.GenerateCorpus --out /tmp/corpus --files 40 --kilobytes 50
 * </pre>
 */
@Command(
    name = "generate-corpus",
    mixinStandardHelpOptions = true,
    description = "Writes distinct text files recombined from the shared documents' sentences.")
public final class GenerateCorpus implements Callable<Integer> {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

  @Option(names = "--docs", description = "Shared documents (default ${DEFAULT-VALUE}).")
  Path docs = Path.of("..", "shared", "data", "docs");

  @Option(names = "--retrieval", description = "Retrieval corpus (default ${DEFAULT-VALUE}).")
  Path retrieval = Path.of("..", "shared", "data", "retrieval");

  @Option(names = "--out", required = true, description = "Folder to write the files into.")
  Path out = Path.of("corpus");

  @Option(names = "--files", description = "Number of files (default ${DEFAULT-VALUE}).")
  int files = 40;

  @Option(names = "--kilobytes", description = "Size of each file (default ${DEFAULT-VALUE}).")
  int kilobytes = 50;

  @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 7;

  /** Runs the generator; see the class documentation. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCorpus()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    List<String> sentences = sentences(docs, retrieval);
    long bytes = write(sentences, out, files, kilobytes * 1024L, seed);
    System.out.printf(
        Locale.ROOT,
        "%d files, %.1f MB, from %d distinct sentences, in %s%n",
        files,
        bytes / 1e6,
        sentences.size(),
        out.toAbsolutePath().normalize());
    return 0;
  }

  /** The distinct sentences (at least 20 characters) of the shared texts, in a stable order. */
  static List<String> sentences(Path docs, Path retrieval) throws IOException {
    Set<String> sentences = new LinkedHashSet<>();
    List<Path> texts;
    try (Stream<Path> walk = Files.walk(docs)) {
      texts =
          walk.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".md"))
              .filter(p -> !p.getFileName().toString().equals("MANIFEST.md"))
              .sorted()
              .toList();
    }
    for (Path text : texts) {
      try {
        addSentences(Files.readString(text, StandardCharsets.UTF_8), sentences);
      } catch (CharacterCodingException e) {
        // a fixture in another encoding (UTF-16, Latin-1): left out
      }
    }
    List<Path> corpora;
    try (Stream<Path> walk = Files.walk(retrieval)) {
      corpora = walk.filter(p -> p.getFileName().toString().equals("corpus.jsonl")).toList();
    }
    ObjectMapper json = new ObjectMapper();
    for (Path corpus : corpora) {
      try (BufferedReader reader = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (!line.isBlank()) {
            JsonNode node = json.readTree(line);
            addSentences(node.path("text").asText(""), sentences);
          }
        }
      }
    }
    if (sentences.size() < 100) {
      throw new IllegalArgumentException(
          "Only " + sentences.size() + " sentences under " + docs + " and " + retrieval);
    }
    return List.copyOf(sentences);
  }

  private static void addSentences(String text, Set<String> into) {
    for (String sentence : SENTENCE_END.split(text.replaceAll("\\s+", " "), -1)) {
      String s = sentence.strip();
      if (s.length() >= 20 && !s.startsWith("#") && !s.startsWith("|")) {
        into.add(s);
      }
    }
  }

  /** Writes {@code files} files of about {@code bytesPerFile} bytes; returns the bytes written. */
  static long write(List<String> sentences, Path out, int files, long bytesPerFile, long seed)
      throws IOException {
    Files.createDirectories(out);
    Random random = new Random(seed);
    long total = 0;
    for (int f = 0; f < files; f++) {
      Path file = out.resolve(String.format(Locale.ROOT, "generated-%04d.txt", f));
      long written = 0;
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        while (written < bytesPerFile) {
          int n = 3 + random.nextInt(5);
          List<String> paragraph = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            paragraph.add(sentences.get(random.nextInt(sentences.size())));
          }
          String text = String.join(" ", paragraph) + "\n\n";
          writer.write(text);
          written += text.getBytes(StandardCharsets.UTF_8).length;
        }
      }
      total += written;
    }
    return total;
  }
}
