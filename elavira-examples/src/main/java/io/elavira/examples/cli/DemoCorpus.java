package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's sample corpus: the Markdown user guide of Elavira ({@code docs/guide} in the source
 * tree), packaged as classpath resources by the build. {@link #LIST} names the files, so that they
 * can be enumerated inside a jar.
 */
final class DemoCorpus {

  /** Classpath folder holding the guide's files. */
  static final String FOLDER = "/io/elavira/examples/demo-corpus/";

  /** Classpath resource listing the guide's file names, one per line. */
  static final String LIST = "/io/elavira/examples/demo-corpus.list";

  private DemoCorpus() {}

  /** The file names of the corpus, in listing order. */
  static List<String> names() {
    List<String> names = new ArrayList<>();
    try (InputStream list = open(LIST);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the demo corpus list " + LIST, e);
    }
    return names;
  }

  /**
   * Copies the corpus into {@code folder} (which must exist) and returns the copied files.
   *
   * @throws ElaviraException when a listed file is missing from the classpath (a broken build)
   */
  static List<Path> copyTo(Path folder) {
    List<Path> files = new ArrayList<>();
    for (String name : names()) {
      Path target = folder.resolve(name);
      try (InputStream in = open(FOLDER + name)) {
        Files.copy(in, target);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not copy the demo file " + name + " to " + folder, e);
      }
      files.add(target);
    }
    return files;
  }

  private static InputStream open(String resource) {
    InputStream in = DemoCorpus.class.getResourceAsStream(resource);
    if (in == null) {
      throw new ElaviraException(
          "The demo corpus resource "
              + resource
              + " is missing from the classpath: rebuild with mvn install -pl elavira-examples -am.");
    }
    return in;
  }
}
