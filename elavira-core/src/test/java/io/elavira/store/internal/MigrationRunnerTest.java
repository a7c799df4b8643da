package io.elavira.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationRunnerTest {

  @Test
  void listsEverySqlFileOfTheMigrationDirectoryInVersionOrder()
      throws IOException, URISyntaxException {
    URL directory = MigrationRunner.class.getResource(MigrationRunner.LOCATION);
    assertThat(directory).isNotNull();
    List<String> files;
    try (Stream<Path> paths = Files.list(Path.of(directory.toURI()))) {
      files = paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).toList();
    }

    assertThat(MigrationRunner.MIGRATIONS).containsExactlyInAnyOrderElementsOf(files);
    for (int i = 0; i < MigrationRunner.MIGRATIONS.size(); i++) {
      assertThat(MigrationRunner.MIGRATIONS.get(i)).startsWith("V" + (i + 1) + "__");
    }
  }

  @Test
  void everyMigrationIsValidUtf8Sql() {
    for (String name : MigrationRunner.MIGRATIONS) {
      assertThat(MigrationRunner.load(name)).contains("CREATE TABLE");
    }
  }
}
