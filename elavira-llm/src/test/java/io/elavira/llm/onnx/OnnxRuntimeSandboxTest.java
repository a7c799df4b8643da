package io.elavira.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process embedding runtime neither phones home nor crashes its host. onnxruntime 1.29.0
 * starts a telemetry client with its native environment (files under {@code
 * ~/.cache/Microsoft/DeveloperTools/.onnxruntime/}) and dies with a segmentation fault when the
 * process command line is over ~4 KB. This runs the default model in a child JVM whose command line
 * is over 8 KB and whose home and cache point at an empty folder, as an application with a long
 * classpath would; and, given a folder for its native libraries, unpacks them there once and loads
 * them from there, leaving nothing in the temporary folder.
 */
class OnnxRuntimeSandboxTest {
  @TempDir Path home;
  @TempDir Path app;

  @Test
  void embedsInAJvmWithALongCommandLineAndWritesNothingInTheUsersHome() throws Exception {
    String printed = runChild(EmbedOnce.class, List.of("-Delavira.padding=" + "x".repeat(8_500)));

    assertThat(printed).contains("dimension=384");
    assertThat(filesUnder(home)).as("files written in the child's home").isEmpty();
  }

  @Test
  void loadsTheNativeLibrariesFromTheGivenFolderUnpackedOnce() throws Exception {
    Path natives = app.resolve("natives");
    Path tmp = Files.createDirectories(app.resolve("tmp"));
    List<String> options = List.of("-Djava.io.tmpdir=" + tmp, "-Delavira.natives=" + natives);

    String first = runChild(EmbedWithNatives.class, options);
    Path library = onlyLibrary(natives);
    FileTime unpacked = Files.getLastModifiedTime(library);
    String second = runChild(EmbedWithNatives.class, options);

    assertThat(first).contains("dimension=384");
    assertThat(second).contains("dimension=384");
    assertThat(Files.size(library)).isPositive();
    assertThat(Files.getLastModifiedTime(library)).as("not unpacked again").isEqualTo(unpacked);
    assertThat(filesUnder(tmp)).as("left in the temporary folder").isEmpty();
    assertThat(filesUnder(home)).as("files written in the child's home").isEmpty();
    if (Files.isReadable(Path.of("/proc/self/maps"))) {
      assertThat(first).contains("loaded=" + library.toRealPath());
      assertThat(second).contains("loaded=" + library.toRealPath());
    }
  }

  private static Path onlyLibrary(Path natives) throws IOException {
    String name = System.mapLibraryName("onnxruntime");
    try (Stream<Path> paths = Files.walk(natives)) {
      List<Path> found = paths.filter(p -> p.getFileName().toString().equals(name)).toList();
      assertThat(found).as("%s under %s", name, natives).hasSize(1);
      return found.get(0);
    }
  }

  /** Runs {@code main} in a child JVM whose home is {@link #home}; its output, once it ended. */
  private String runChild(Class<?> main, List<String> options) throws Exception {
    Path output = Files.createTempFile(app, "child", ".out");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    if (options.stream().anyMatch(o -> o.startsWith("-Delavira.padding"))) {
      assertThat(String.join(" ", command).length()).isGreaterThan(8 * 1024);
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());

    Process child = builder.start();
    boolean ended = child.waitFor(3, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    assertThat(ended).as("the child JVM ended").isTrue();
    assertThat(child.exitValue()).as("exit code; output:%n%s", printed).isZero();
    return printed;
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> !p.equals(dir)).toList();
    }
  }

  /** The child: loads the default model and embeds a French text. */
  public static final class EmbedOnce {
    private EmbedOnce() {}

    public static void main(String[] args) {
      try (OnnxEmbeddingModel model = OnnxEmbeddingModel.allMiniLmL6V2()) {
        float[] vector = model.embed("Quand puis-je annuler ma réservation ?");
        System.out.println("dimension=" + vector.length);
      }
    }
  }

  /**
   * The child: loads the default model with its native libraries in {@code elavira.natives}, prints
   * the dimension and where the process mapped ONNX Runtime's library from (Linux).
   */
  public static final class EmbedWithNatives {
    private EmbedWithNatives() {}

    public static void main(String[] args) throws IOException {
      OnnxEmbeddingModel.useNativeLibraryFolder(Path.of(System.getProperty("elavira.natives")));
      try (OnnxEmbeddingModel model = OnnxEmbeddingModel.allMiniLmL6V2()) {
        float[] vector = model.embed("Quand puis-je annuler ma réservation ?");
        System.out.println("dimension=" + vector.length);
      }
      Path maps = Path.of("/proc/self/maps");
      if (Files.isReadable(maps)) {
        String name = System.mapLibraryName("onnxruntime");
        Files.readAllLines(maps).stream()
            .map(line -> line.substring(line.indexOf('/') < 0 ? 0 : line.indexOf('/')))
            .filter(path -> path.endsWith("/" + name))
            .distinct()
            .forEach(path -> System.out.println("loaded=" + path));
      }
    }
  }
}
