package io.elavira.bench;

import io.elavira.ingest.export.DocumentExporters;
import io.elavira.ingest.export.DocumentLanguage;
import io.elavira.ingest.export.ExportDocument;
import io.elavira.ingest.export.ExportFormat;
import io.elavira.ingest.export.LetterLayout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The export's picture and timings, from a fictional French cover letter written for the project.
 *
 * <p>{@code --png FILE}: exports the one-page letter to PDF and renders its page 1 to PNG with
 * PDFBox (the picture in {@code docs/generation.md}). {@code --time DIR}: exports a two-page
 * version of the letter to .md, .docx and .pdf in DIR, once cold (the first export of each format
 * in this JVM) and then {@code --runs} times warm, and prints the times. Run from the repository
 * root, with the class path of the reactor build (see {@code docs/benchmarks.md}, section
 * "Export").
 */
public final class ExportBench {
  private static final float DPI = 110;

  private ExportBench() {}

  /** One letter: its body, the parts around it. */
  static ExportDocument letter(boolean twoPages) {
    String nbsp = "\u00a0";
    String narrow = "\u202f";
    StringBuilder body =
        new StringBuilder(
            """
            Madame,

            Votre annonce pour un poste d’ingénieure données a retenu toute mon attention. \
            Mettre les données «%1$sau cœur des décisions%1$s», comme vous l’écrivez, c’est \
            précisément ce que je fais depuis cinq ans chez Transports Perrin, où je suis \
            responsable de la chaîne de données d’exploitation.

            Au cours de ces années, j’ai notamment%1$s:

            - conçu et mis en production la chaîne d’ingestion des relevés de **plus de 300 \
            camions** (Java, PostgreSQL)%2$s;
            - réduit de 40%1$s%% le délai de production des tableaux de bord de l’équipe \
            d’exploitation%2$s;
            - mis en place des contrôles de qualité qui ont fait passer le taux d’anomalies de \
            6%1$s%% à *moins de 1%1$s%%*%2$s;
            - formé une équipe de quatre analystes aux bonnes pratiques de modélisation.

            Votre coopérative, engagée dans un éclairage public sobre en énergie, m’attire \
            particulièrement%1$s: j’ai à cœur de mettre mes compétences au service d’une œuvre \
            utile à la collectivité. Je serais ravie de vous présenter mon parcours et \
            d’échanger sur vos projets lors d’un entretien.
            """
                .formatted(nbsp, narrow));
    if (twoPages) {
      for (int i = 1; i <= 6; i++) {
        body.append(
            """

            Projet %d%s: à la demande de l’équipe d’exploitation, j’ai repris un traitement \
            nocturne qui échouait une nuit sur cinq. Après une analyse des journaux, j’ai \
            découpé le traitement en étapes rejouables, ajouté des contrôles à chaque étape et \
            documenté la reprise sur incident. Le traitement n’a plus échoué depuis, et \
            l’équipe sait le relancer seule en cas de panne d’un fournisseur.
            """
                .formatted(i, nbsp));
      }
    }
    body.append(
        """

        Dans l’attente de votre réponse, je vous prie d’agréer, Madame, l’expression de mes \
        salutations distinguées.
        """);
    return ExportDocument.builder()
        .title("Lettre de motivation — Camille Moreau")
        .language(DocumentLanguage.FR)
        .letter(
            new LetterLayout(
                "Camille Moreau\n14 rue des Tanneurs\n69002 Lyon\n06 12 34 56 78\n"
                    + "camille.moreau@example.fr",
                "Madame Hélène Garnier\nResponsable du recrutement\n"
                    + "Coopérative Œuvres & Lumière\n8 quai Saint-Antoine\n69002 Lyon",
                "Lyon, le 30 novembre 2026",
                "Objet" + nbsp + ": candidature au poste d’ingénieure données (réf. DATA-2026-14)",
                "Camille Moreau"))
        .body(body.toString())
        .build();
  }

  /**
   * Renders the picture or times the exports.
   *
   * @param args {@code --png FILE}, or {@code --time DIR [--runs N]}
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    if (args.length >= 2 && args[0].equals("--png")) {
      png(Path.of(args[1]));
    } else if (args.length >= 2 && args[0].equals("--time")) {
      int runs = args.length >= 4 && args[2].equals("--runs") ? Integer.parseInt(args[3]) : 10;
      time(Path.of(args[1]), runs);
    } else {
      System.err.println("usage: ExportBench --png FILE | --time DIR [--runs N]");
      System.exit(2);
    }
  }

  private static void png(Path png) throws IOException {
    Path pdf = Files.createTempFile(png.toAbsolutePath().getParent(), "cover-letter-", ".pdf");
    try {
      DocumentExporters.export(letter(false), pdf);
      try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
        BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.RGB);
        ImageIO.write(image, "png", png.toFile());
        System.out.printf(
            Locale.ROOT,
            "%s: page 1 of %d, %dx%d px at %.0f dpi%n",
            png,
            document.getNumberOfPages(),
            image.getWidth(),
            image.getHeight(),
            DPI);
      }
    } finally {
      Files.deleteIfExists(pdf);
    }
  }

  private static void time(Path dir, int runs) throws IOException {
    Files.createDirectories(dir);
    ExportDocument letter = letter(true);
    System.out.println(
        "| format | size (KB) | first export in the JVM (ms) | warm p50 (ms) | warm min–max (ms) |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (ExportFormat format : ExportFormat.values()) {
      Path out = dir.resolve("letter-2-pages." + format.extension());
      long start = System.nanoTime();
      DocumentExporters.export(letter, out);
      double cold = (System.nanoTime() - start) / 1e6;
      List<Double> warm = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long t = System.nanoTime();
        DocumentExporters.export(letter, out);
        warm.add((System.nanoTime() - t) / 1e6);
      }
      warm.sort(Double::compare);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.0f | %.1f | %.1f–%.1f |%n",
          format.extension(),
          Files.size(out) / 1024.0,
          cold,
          warm.get(warm.size() / 2),
          warm.get(0),
          warm.get(warm.size() - 1));
    }
    try (PDDocument document = Loader.loadPDF(dir.resolve("letter-2-pages.pdf").toFile())) {
      System.out.println("PDF pages: " + document.getNumberOfPages());
    }
  }
}
