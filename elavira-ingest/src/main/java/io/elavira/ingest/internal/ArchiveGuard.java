package io.elavira.ingest.internal;

import io.elavira.document.IngestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A zip-bomb guard for zip-based files (DOCX, ODT, zipped chat exports): before a library opens the
 * archive, its entries are inflated once, counting bytes, and the file is refused as soon as the
 * total goes over the size limit or over {@code ratio} times the compressed size. Nothing is kept
 * in memory but a small buffer. Stateless.
 *
 * @param maxExpandedBytes the most bytes all entries may inflate to
 * @param maxRatio the most the archive may expand relative to its own size
 */
public record ArchiveGuard(long maxExpandedBytes, int maxRatio) {
  /** Setting name of the size limit, as the pipeline builder spells it. */
  public static final String SIZE_SETTING = "maxArchiveExpandedBytes";

  /** Setting name of the ratio limit, as the pipeline builder spells it. */
  public static final String RATIO_SETTING = "maxArchiveExpansionRatio";

  /** Default: 512 MiB expanded. */
  public static final long DEFAULT_MAX_EXPANDED_BYTES = 512L * 1024 * 1024;

  /** Default: 100 times the archive's size. */
  public static final int DEFAULT_MAX_RATIO = 100;

  /** The defaults. */
  public static ArchiveGuard defaults() {
    return new ArchiveGuard(DEFAULT_MAX_EXPANDED_BYTES, DEFAULT_MAX_RATIO);
  }

  /**
   * Checks an archive held in memory.
   *
   * @throws IngestException TOO_LARGE when it expands too much, CORRUPT when it is not a zip
   */
  public void check(byte[] archive, String fileName, String format) {
    long limit = Math.min(maxExpandedBytes, Math.max(1L, (long) archive.length * maxRatio));
    boolean ratioBound = limit < maxExpandedBytes;
    long total = 0;
    int entries = 0;
    byte[] buffer = new byte[16 * 1024];
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries++;
        for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
          total += n;
          if (total > limit) {
            throw ratioBound
                ? ParseFailures.tooLarge(
                    fileName,
                    "expands more than " + maxRatio + " times its size (a zip bomb?)",
                    maxRatio,
                    RATIO_SETTING)
                : ParseFailures.tooLarge(
                    fileName,
                    "expands to more than " + maxExpandedBytes + " bytes",
                    maxExpandedBytes,
                    SIZE_SETTING);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw ParseFailures.corrupt(fileName, format, e);
    }
    if (entries == 0) {
      throw ParseFailures.corrupt(fileName, format, "it is not a zip archive");
    }
  }

  /** Reads a whole stream; for parsers that need random access to an archive. */
  public static byte[] readAll(InputStream in, String fileName) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IngestException(
          fileName,
          IngestException.Reason.UNREADABLE,
          "Could not read '" + fileName + "' (I/O error).",
          e);
    }
  }
}
