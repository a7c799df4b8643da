package io.elavira.llm.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * classpath would.
 */
class OnnxRuntimeSandboxTest {
  @TempDir Path home;

  @Test
  void embedsInAJvmWithALongCommandLineAndWritesNothingInTheUsersHome() throws Exception {
    Path output = Files.createTempFile("elavira-onnx-child", ".out");
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Duser.home=" + home);
      command.add("-Delavira.padding=" + "x".repeat(8_500));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(EmbedOnce.class.getName());
      assertThat(String.join(" ", command).length()).isGreaterThan(8 * 1024);
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

      assertThat(ended).as("the child JVM ended").isTrue();
      assertThat(child.exitValue()).as("exit code; output:%n%s", printed).isZero();
      assertThat(printed).contains("dimension=384");
      assertThat(filesUnder(home)).as("files written in the child's home").isEmpty();
    } finally {
      Files.deleteIfExists(output);
    }
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
}
