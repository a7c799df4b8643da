package io.elavira.ingest.export;

import io.elavira.ingest.export.ExportException.Reason;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exports documents to files, the format chosen by the file's extension: {@code .md} ({@link
 * MarkdownExporter}), {@code .docx} ({@link DocxExporter}), {@code .pdf} ({@link PdfExporter}).
 *
 * <p>The file is written whole or not at all: the bytes go to a temporary file beside it ({@code
 * .name.random.part}), which is flushed to disk and then renamed over the target in one step
 * (atomically where the file system allows). On any failure the temporary file is removed and the
 * target keeps what it had (or stays absent). An existing file at the target is replaced.
 *
 * <p>Stateless and thread-safe; two exports to the same file at once leave one of them whole.
 */
public final class DocumentExporters {
  private DocumentExporters() {}

  /**
   * Exports a document to a file whose extension names the format.
   *
   * @param document the document
   * @param out the file to write ({@code .md}, {@code .docx} or {@code .pdf}, any case)
   * @return the absolute path of the file written
   * @throws ExportException UNSUPPORTED_FORMAT for another extension, NO_SUCH_FOLDER when the
   *     folder is missing, IS_A_FOLDER when {@code out} is a folder, NOT_WRITABLE when the folder
   *     cannot be written, WRITE_FAILED or RENDER_FAILED when writing fails midway
   */
  public static Path export(ExportDocument document, Path out) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(out, "out");
    ExportFormat format =
        ExportFormat.of(out)
            .orElseThrow(
                () ->
                    new ExportException(
                        out.toString(),
                        Reason.UNSUPPORTED_FORMAT,
                        "Cannot export to '"
                            + out
                            + "': the extension names no format. Name the file .md, .docx or"
                            + " .pdf.",
                        null));
    return export(document, out, exporter(format));
  }

  /**
   * Exports a document to a file with the given exporter, whatever the file's extension.
   *
   * @param document the document
   * @param out the file to write
   * @param exporter the exporter to write it with
   * @return the absolute path of the file written
   * @throws ExportException NO_SUCH_FOLDER, IS_A_FOLDER, NOT_WRITABLE, WRITE_FAILED or
   *     RENDER_FAILED
   */
  public static Path export(ExportDocument document, Path out, DocumentExporter exporter) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(exporter, "exporter");
    Path target = checkedTarget(out);
    Path folder = Objects.requireNonNull(target.getParent());
    String name = Objects.requireNonNull(target.getFileName()).toString();
    Path part = folder.resolve("." + name + "." + randomSuffix() + ".part");
    boolean moved = false;
    try {
      try (FileChannel channel =
              FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(channel))) {
        exporter.write(document, stream, target.toString());
        stream.flush();
        channel.force(true);
      } catch (AccessDeniedException e) {
        throw notWritable(target, folder, e);
      } catch (FileSystemException e) {
        if (!Files.exists(part)) {
          throw notWritable(target, folder, e);
        }
        throw Failures.write(target.toString(), e);
      } catch (IOException e) {
        throw Failures.write(target.toString(), e);
      }
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      return target;
    } catch (AccessDeniedException e) {
      throw notWritable(target, folder, e);
    } catch (IOException e) {
      throw Failures.write(target.toString(), e);
    } finally {
      if (!moved) {
        deleteQuietly(part);
      }
    }
  }

  /**
   * The exporter of a format.
   *
   * @param format the format
   * @return a new exporter of that format
   */
  public static DocumentExporter exporter(ExportFormat format) {
    Objects.requireNonNull(format, "format");
    return switch (format) {
      case MARKDOWN -> new MarkdownExporter();
      case DOCX -> new DocxExporter();
      case PDF -> new PdfExporter();
    };
  }

  private static Path checkedTarget(Path out) {
    Objects.requireNonNull(out, "out");
    Path target = out.toAbsolutePath().normalize();
    Path folder = target.getParent();
    if (folder == null || target.getFileName() == null) {
      throw new ExportException(
          out.toString(),
          Reason.IS_A_FOLDER,
          "Cannot export to '"
              + out
              + "': it is a folder. Give a file name ending in .md, .docx"
              + " or .pdf.",
          null);
    }
    if (Files.isDirectory(target)) {
      throw new ExportException(
          target.toString(),
          Reason.IS_A_FOLDER,
          "Cannot export to '"
              + target
              + "': a folder has that name. Choose another file name, ending in .md, .docx or"
              + " .pdf.",
          null);
    }
    if (!Files.isDirectory(folder)) {
      throw new ExportException(
          target.toString(),
          Reason.NO_SUCH_FOLDER,
          "Cannot export to '"
              + target
              + "': the folder '"
              + folder
              + "' does not exist"
              + (Files.exists(folder) ? " (a file has that name)" : "")
              + ". Create the folder first, or choose a file in an existing folder.",
          null);
    }
    return target;
  }

  private static ExportException notWritable(Path target, Path folder, IOException cause) {
    return new ExportException(
        target.toString(),
        Reason.NOT_WRITABLE,
        "Cannot export to '"
            + target
            + "': the folder '"
            + folder
            + "' cannot be written ("
            + cause.getClass().getSimpleName()
            + "). Check its permissions, or choose a file in a folder you can write to.",
        cause);
  }

  private static String randomSuffix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
        .toLowerCase(Locale.ROOT);
  }

  private static void deleteQuietly(Path part) {
    try {
      Files.deleteIfExists(part);
    } catch (IOException e) {
      // The export already failed with the reason that matters; a leftover .part is named as such.
    }
  }
}
