package io.elavira.ingest.internal;

import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands the paths given to a pipeline into the files to ingest.
 *
 * <p>Folders are walked recursively, following symbolic links but never a link loop; hidden files
 * and folders (name starting with a dot, like {@code .git}) inside them are skipped; each folder's
 * files come sorted by path. Paths given explicitly are kept even if hidden. A file reached twice
 * is listed once. Paths that do not exist, and folders that cannot be listed, become failures.
 * Stateless and thread-safe.
 */
public final class FileCollector {
  private static final Logger LOG = LoggerFactory.getLogger(FileCollector.class);

  /**
   * A file to ingest, or a path that already failed.
   *
   * @param path the absolute, normalised path
   * @param error why it cannot be ingested, or null
   */
  public record Candidate(Path path, @Nullable IngestException error) {}

  /** Creates a collector. */
  public FileCollector() {}

  /**
   * The files under the given paths, in a deterministic order.
   *
   * @param maxFiles the most files to list
   * @throws IngestException TOO_LARGE as soon as more than {@code maxFiles} files are found
   */
  public List<Candidate> collect(List<Path> paths, int maxFiles) {
    Map<Path, Candidate> found = new LinkedHashMap<>();
    for (Path given : paths) {
      Path path = given.toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        walk(path, found, maxFiles);
      } else if (Files.exists(path) || Files.isSymbolicLink(path)) {
        found.putIfAbsent(path, new Candidate(path, null));
        checkLimit(path, found.size(), maxFiles);
      } else {
        found.putIfAbsent(
            path,
            new Candidate(
                path,
                new IngestException(
                    path.toString(),
                    Reason.UNREADABLE,
                    "'" + path + "' does not exist. Check the path.")));
      }
    }
    return List.copyOf(found.values());
  }

  private static void checkLimit(Path given, int files, int maxFiles) {
    if (files > maxFiles) {
      throw new IngestException(
          given.toString(),
          Reason.TOO_LARGE,
          "The paths to ingest hold "
              + "more than "
              + maxFiles
              + " files (maxFiles), reached in '"
              + given
              + "'. Give "
              + "narrower folders, or raise the limit with IngestionPipeline.builder().maxFiles(...).");
    }
  }

  private static void walk(Path root, Map<Path, Candidate> found, int maxFiles) {
    List<Candidate> inRoot = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(root) && isHidden(dir)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!isHidden(file) && !attrs.isDirectory()) {
                inRoot.add(new Candidate(file.normalize(), null));
                checkLimit(root, found.size() + inRoot.size(), maxFiles);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof FileSystemLoopException) {
                LOG.debug("Skipping symbolic link loop at {}", file);
              } else if (!isHidden(file)) {
                inRoot.add(new Candidate(file.normalize(), unreadable(file, e)));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      inRoot.add(new Candidate(root, unreadable(root, e)));
    }
    inRoot.sort((a, b) -> a.path().compareTo(b.path()));
    for (Candidate candidate : inRoot) {
      found.putIfAbsent(candidate.path(), candidate);
    }
  }

  private static boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static IngestException unreadable(Path path, IOException e) {
    return new IngestException(
        path.toString(),
        Reason.UNREADABLE,
        "Could not read '"
            + path
            + "' ("
            + e.getClass().getSimpleName()
            + "). "
            + "Check that it exists and that its permissions allow reading.",
        e);
  }
}
