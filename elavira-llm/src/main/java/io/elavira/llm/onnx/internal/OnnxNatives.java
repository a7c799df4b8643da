package io.elavira.llm.onnx.internal;

import ai.onnxruntime.OrtEnvironment;
import io.elavira.ElaviraException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks ONNX Runtime's native libraries once into a folder of the application's home and points
 * ONNX Runtime at them ({@value #PROPERTY}), instead of letting it copy them (24 MB on Linux x64)
 * into the JVM's temporary folder at every start, where a process killed while loading leaves them.
 * Not API.
 *
 * <p>The libraries go into a subfolder named after the platform and the CRC-32 of the main library
 * as the jar records it, so a new onnxruntime version gets its own and a folder is never half
 * written: each file is written under a temporary name in that subfolder, forced to disk and
 * renamed. A file already there with the expected size is used as it is. ONNX Runtime still creates
 * an empty {@code onnxruntime-java*} folder in the temporary folder while it loads and deletes it
 * at once (its loader does so before reading any property); nothing is copied into it.
 *
 * <p>The property is JVM-wide and read once, by the first ONNX Runtime load of the JVM: this does
 * nothing when the property is already set (by the user or an earlier model), and nothing on a
 * platform whose libraries the jar does not carry (ONNX Runtime then loads as it would have).
 * Thread-safe: concurrent calls, in this process or another, write distinct temporary files and the
 * renames leave one complete copy.
 */
public final class OnnxNatives {
  /** ONNX Runtime's system property: the folder holding all its native libraries. */
  public static final String PROPERTY = "onnxruntime.native.path";

  private static final Logger LOG = LoggerFactory.getLogger(OnnxNatives.class);
  // Only Windows builds carry the last; ONNX Runtime looks for it in the same folder.
  private static final String OPTIONAL_LIBRARY = "onnxruntime_providers_shared";
  private static final List<String> LIBRARIES =
      List.of("onnxruntime", "onnxruntime4j_jni", OPTIONAL_LIBRARY);

  private OnnxNatives() {}

  /**
   * Unpacks the libraries into {@code folder} (created if missing) unless they are there, and sets
   * {@value #PROPERTY} to their subfolder unless the property is set.
   *
   * @return the subfolder the libraries are in, or empty when the property was already set or the
   *     jar carries no libraries for this platform
   * @throws ElaviraException when the folder cannot be created or written, naming it
   */
  public static synchronized Optional<Path> useFolder(Path folder) {
    String already = System.getProperty(PROPERTY);
    if (already != null) {
      LOG.debug("{} is already {}; ONNX Runtime loads from there", PROPERTY, already);
      return Optional.empty();
    }
    String platform = platform();
    URL main = platform == null ? null : resource(platform, LIBRARIES.get(0));
    if (platform == null || main == null) {
      LOG.debug("No ONNX Runtime libraries in the jar for this platform; loading as usual");
      return Optional.empty();
    }
    Path target;
    try {
      target =
          folder.resolve(
              "onnxruntime-" + platform + "-" + Long.toHexString(describe(main).fingerprint()));
      Files.createDirectories(target);
      for (String library : LIBRARIES) {
        URL url = resource(platform, library);
        if (url != null) {
          unpack(url, target.resolve(System.mapLibraryName(library)));
        } else if (!library.equals(OPTIONAL_LIBRARY)) {
          LOG.debug("No {} in the jar for {}; loading as usual", library, platform);
          return Optional.empty();
        }
      }
    } catch (IOException e) {
      throw new ElaviraException(
          "Cannot unpack the ONNX Runtime native libraries into "
              + folder
              + ": "
              + e.getMessage()
              + ". Check that the folder is writable, or do not call useNativeLibraryFolder to let ONNX"
              + " Runtime use the temporary folder.",
          e);
    }
    System.setProperty(PROPERTY, target.toString());
    return Optional.of(target);
  }

  /** ONNX Runtime's name for this platform's folder in its jar, or null when it has none. */
  static @Nullable String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName =
        os.contains("mac") || os.contains("darwin")
            ? "osx"
            : os.contains("win") ? "win" : os.contains("nux") ? "linux" : null;
    String archName =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x64"
            : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
    return osName == null || archName == null ? null : osName + "-" + archName;
  }

  private static @Nullable URL resource(String platform, String library) {
    return OrtEnvironment.class.getResource(
        "/ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(library));
  }

  /** A resource's size (-1 when unknown) and a number that changes with its content. */
  private record Entry(long size, long fingerprint) {}

  /**
   * The size and CRC-32 the jar records for the resource (nothing is inflated); for a resource that
   * is a plain file (an exploded class path), its size and modification time.
   */
  private static Entry describe(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    connection.setUseCaches(false);
    if (connection instanceof JarURLConnection jar) {
      try {
        JarEntry entry = jar.getJarEntry();
        if (entry != null && entry.getCrc() != -1) {
          return new Entry(entry.getSize(), entry.getCrc() ^ (entry.getSize() << 32));
        }
        throw new IOException("no size and checksum for " + url);
      } finally {
        jar.getJarFile().close();
      }
    }
    try {
      Path file = Path.of(url.toURI());
      long size = Files.size(file);
      return new Entry(size, size ^ Files.getLastModifiedTime(file).toMillis());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("cannot read " + url, e);
    }
  }

  /** Copies the resource to {@code target} unless a file of its size is there. */
  private static void unpack(URL url, Path target) throws IOException {
    long size = describe(url).size();
    if (Files.isRegularFile(target) && Files.size(target) == size) {
      return;
    }
    Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
    try {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false); // closing the stream then closes the jar it opened
      try (InputStream in = connection.getInputStream();
          FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        in.transferTo(Channels.newOutputStream(channel));
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (Files.isRegularFile(target) && Files.size(target) == size) {
        return; // another process put it there first (a loaded library cannot be replaced)
      }
      throw e;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
