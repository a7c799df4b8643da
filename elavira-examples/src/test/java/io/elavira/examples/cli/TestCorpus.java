package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small documents on distinct topics, so that the right top source is unambiguous. */
final class TestCorpus {

  static final String BIKE = "bicycle-repair.md";
  static final String BREAD = "sourdough.txt";
  static final String TAXES = "tax-calendar.txt";

  private TestCorpus() {}

  /** Writes three readable documents into {@code folder} and returns it. */
  static Path writeGood(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(
        folder.resolve(BIKE),
        """
        # Fixing a flat tyre on a bicycle

        To repair a punctured bicycle tyre, remove the wheel, lever the tyre off the rim and pull
        out the inner tube. Pump a little air into the tube and listen for the hiss to find the
        hole. Roughen the rubber around the hole with sandpaper, apply vulcanizing glue, wait one
        minute and press the patch firmly. Put the tube back, seat the tyre and inflate it to the
        pressure written on the sidewall.

        ## Brakes

        Rim brake pads wear out: replace them when the grooves are gone.
        """);
    Files.writeString(
        folder.resolve(BREAD),
        """
        Baking sourdough bread at home.

        Feed the sourdough starter with equal weights of flour and water the evening before. Mix
        500 grams of flour, 350 grams of water, 100 grams of active starter and 10 grams of salt.
        Let the dough rise for five hours, folding it every half hour, then shape the loaf and
        leave it overnight in the fridge. Bake it at 240 degrees Celsius in a covered cast-iron
        pot for 20 minutes, then 25 minutes uncovered.
        """);
    Files.writeString(
        folder.resolve(TAXES),
        """
        Household tax calendar.

        The annual income tax return must be filed online before the end of May. Property tax is
        paid in October and the television licence fee is collected with it. Keep every receipt
        for charitable donations: they reduce the income tax by two thirds of the amount given.
        """);
    return folder;
  }

  /**
   * Writes the three readable documents into {@code docs} and ingests them into {@code home} with
   * the default store, failing the test (with the command's output) when the ingest fails.
   */
  static void ingestGood(Path docs, Path home) throws IOException {
    writeGood(docs);
    CliRun ingest = CliRun.run("ingest", "--home", home.toString(), docs.toString());
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
  }

  /** Adds files that cannot be ingested: an empty text file and an unknown extension. */
  static void writeBad(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("empty.txt"), "");
    Files.write(folder.resolve("photo.xyz"), new byte[] {1, 2, 3, 4});
  }
}
