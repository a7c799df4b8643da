package io.elavira.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.store.ElaviraStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's native library is copied into the database's folder, not the JVM's temporary folder: a
 * child JVM (sqlite-jdbc loads once per JVM) opens a database with a temporary folder of its own
 * and lists both folders while the database is open.
 */
class DatabaseNativesTest {
  @TempDir Path dir;

  @Test
  void copiesTheNativeLibraryNextToTheDatabaseInsteadOfTheTemporaryFolder() throws Exception {
    Path home = dir.resolve("home");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path output = dir.resolve("child.out");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(OpenAndList.class.getName());
    command.add(home.resolve("elavira.db").toString());
    command.add(tmp.toString());
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    } finally {
      child.destroyForcibly();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(printed).isZero();

    assertThat(printed).contains("natives: sqlite-").doesNotContain("tmp: sqlite-");
  }

  /** The child: opens the database and prints the files of its natives folder and of the tmp. */
  public static final class OpenAndList {
    private OpenAndList() {}

    public static void main(String[] args) throws IOException {
      Path file = Path.of(args[0]);
      try (Database db = Database.open(file, Clock.systemUTC())) {
        print("natives", file.resolveSibling(ElaviraStore.NATIVES_FOLDER));
        print("tmp", Path.of(args[1]));
      }
    }

    private static void print(String label, Path folder) throws IOException {
      try (Stream<Path> files = Files.list(folder)) {
        files.forEach(f -> System.out.println(label + ": " + f.getFileName()));
      }
    }
  }
}
