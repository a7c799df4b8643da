package io.elavira.examples.server;

import io.elavira.examples.cli.ErrorJson;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name an uploaded file is stored under: the last segment of what the client sent (a client may
 * send {@code ../../etc/passwd} or {@code C:\x\y.txt}), with every character but letters, digits,
 * space, {@code . _ -} replaced, no leading dot, and at most {@link #MAX_CHARS} characters. The
 * file always lands in a fresh folder of the user's upload area, whatever the name says.
 */
final class UploadNames {
  static final int MAX_CHARS = 120;

  private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N} ._-]");

  private UploadNames() {}

  /**
   * The safe name of an upload.
   *
   * @throws ApiException 400 when nothing usable is left (empty, only dots)
   */
  static String safe(String submitted) {
    String name = Normalizer.normalize(submitted, Normalizer.Form.NFC);
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    name = UNSAFE.matcher(name).replaceAll("_").strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.length() > MAX_CHARS) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
      name = name.substring(0, MAX_CHARS - extension.length()) + extension;
    }
    if (name.isBlank() || name.chars().allMatch(c -> c == '.' || c == '_')) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT, "The uploaded file needs a name with letters or digits.");
    }
    return name;
  }

  /** The extension, lower-case, without the dot; empty when none. */
  static String extension(String safeName) {
    int dot = safeName.lastIndexOf('.');
    return dot < 0 ? "" : safeName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
