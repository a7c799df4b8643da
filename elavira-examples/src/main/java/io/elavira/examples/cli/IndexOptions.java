package io.elavira.examples.cli;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.ElaviraException;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorStore;
import io.elavira.vector.chroma.ChromaVectorStore;
import io.elavira.vector.hnswlib.HnswlibVectorStore;
import io.elavira.vector.lucene.LuceneLexicalIndex;
import io.elavira.vector.lucene.LuceneVectorStore;
import io.elavira.vector.pgvector.PgVectorStore;
import io.elavira.vector.weaviate.WeaviateVectorStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --store}, {@code --store-url} and {@code --retrieval} options of the commands that
 * open an agent: where the vectors are searched, and how passages are retrieved.
 *
 * <p>Every index is derived from the home's database, so the choice can change from one command to
 * the next: an index that holds nothing for the agent is rebuilt from the stored chunks and
 * embeddings when the agent opens (nothing is re-read from the documents), and the lexical index is
 * rebuilt when its count disagrees with the database.
 */
final class IndexOptions {

  /** Where the vectors live. */
  enum StoreKind {
    /** Exact search in memory, rebuilt from the database at each start: the default. */
    MEMORY,
    /** Lucene HNSW index under {@code HOME/index/vectors} (persistent, opens in milliseconds). */
    HNSW,
    /** hnswlib graph under {@code HOME/index/hnswlib} (persistent, loaded whole at open). */
    HNSWLIB,
    /** A Chroma server at {@code --store-url}. */
    CHROMA,
    /** PostgreSQL + pgvector at the JDBC URL {@code --store-url}. */
    PGVECTOR,
    /** A Weaviate server at {@code --store-url}. */
    WEAVIATE
  }

  /** Environment variables read for a pgvector store when its URL names no user or password. */
  static final String PG_USER_ENV = "PGUSER";

  /** See {@link #PG_USER_ENV}. */
  static final String PG_PASSWORD_ENV = "PGPASSWORD";

  /** Folder of the home's Lucene indexes. */
  static final String INDEX_FOLDER = "index";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--store",
      paramLabel = "KIND",
      description =
          "Vector index: memory (default, exact, rebuilt at start), hnsw (Lucene, in the home),"
              + " hnswlib (in the home), chroma, pgvector or weaviate (with --store-url).")
  private @Nullable String store;

  @Option(
      names = "--store-url",
      paramLabel = "URL",
      description =
          "Server of --store chroma|weaviate (http://host:port) or pgvector"
              + " (jdbc:postgresql://host:port/db; user and password from PGUSER/PGPASSWORD).")
  private @Nullable String storeUrl;

  @Option(
      names = "--retrieval",
      paramLabel = "MODE",
      description =
          "dense (default: meaning), lexical (BM25 words, French/English analysis) or hybrid"
              + " (both, fused).")
  private @Nullable String retrieval;

  /** The store named by {@code --store}, MEMORY when omitted. */
  StoreKind storeKind() {
    return choice(
        StoreKind.class,
        store,
        StoreKind.MEMORY,
        "--store",
        "a store: use memory, hnsw, chroma, pgvector, weaviate or hnswlib");
  }

  /**
   * The index options given on the command line, by name: what a configured agent refuses, since
   * its configuration sets its retrieval.
   */
  List<String> givenOptions() {
    List<String> given = new ArrayList<>();
    if (store != null) {
      given.add("--store");
    }
    if (storeUrl != null) {
      given.add("--store-url");
    }
    if (retrieval != null) {
      given.add("--retrieval");
    }
    return given;
  }

  /** The retrieval named by {@code --retrieval}, DENSE when omitted. */
  RetrievalMode retrievalMode() {
    return choice(
        RetrievalMode.class,
        retrieval,
        RetrievalMode.DENSE,
        "--retrieval",
        "a mode: use dense, lexical or hybrid");
  }

  /** The constant named (in any case) by an option's value, {@code absent} when not given. */
  private <E extends Enum<E>> E choice(
      Class<E> type, @Nullable String value, E absent, String option, String expected) {
    if (value == null) {
      return absent;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          mixee.commandLine(), option + " " + value + " is not " + expected + ".");
    }
  }

  /**
   * Checks the options together, before anything is opened.
   *
   * @throws ParameterException when a server store has no URL, a URL is given without a server
   *     store, or the URL does not fit the store
   */
  void validate() {
    StoreKind kind = storeKind();
    retrievalMode();
    boolean server =
        kind == StoreKind.CHROMA || kind == StoreKind.PGVECTOR || kind == StoreKind.WEAVIATE;
    if (server && (storeUrl == null || storeUrl.isBlank())) {
      throw new ParameterException(
          mixee.commandLine(),
          "--store "
              + name(kind)
              + " needs --store-url, e.g. "
              + (kind == StoreKind.PGVECTOR
                  ? "jdbc:postgresql://127.0.0.1:5432/elavira"
                  : "http://127.0.0.1:8000")
              + ".");
    }
    if (!server && storeUrl != null) {
      throw new ParameterException(
          mixee.commandLine(),
          "--store-url is for --store chroma, pgvector or weaviate, not " + name(kind) + ".");
    }
    String given = storeUrl;
    if (server && given != null) {
      String url = given.trim();
      boolean fits =
          kind == StoreKind.PGVECTOR
              ? url.startsWith("jdbc:postgresql:")
              : url.startsWith("http://") || url.startsWith("https://");
      if (!fits) {
        throw new ParameterException(
            mixee.commandLine(),
            "--store-url for "
                + name(kind)
                + " must start with "
                + (kind == StoreKind.PGVECTOR ? "jdbc:postgresql://" : "http:// or https://")
                + " (the URL is not repeated here: it may hold a password).");
      }
    }
  }

  /**
   * Opens the indexes these options name and sets them on {@code builder}; the caller closes what
   * is returned after the agent.
   *
   * @param home the agent home (the embedded indexes live in {@code HOME/index})
   * @param dimension the embedding model's dimension
   * @return the opened indexes, to close after the agent (empty for the in-memory default)
   * @throws ElaviraException when an index cannot be opened (locked, unreachable server)
   */
  List<AutoCloseable> configure(ElaviraAgentBuilder builder, Path home, int dimension) {
    Map<String, String> environment = ElaviraCli.root(mixee).environment().variables();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      StoreKind kind = storeKind();
      if (kind != StoreKind.MEMORY) {
        VectorStore vectors = openStore(kind, home, dimension, environment);
        opened.add(vectors);
        builder.vectors(vectors);
      }
      RetrievalMode mode = retrievalMode();
      if (mode != RetrievalMode.DENSE) {
        LexicalIndex lexical =
            LuceneLexicalIndex.open(home.resolve(INDEX_FOLDER).resolve("lexical"));
        opened.add(lexical);
        builder.lexical(lexical);
      }
      builder.retrieval(mode);
      return opened;
    } catch (RuntimeException e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private VectorStore openStore(
      StoreKind kind, Path home, int dimension, Map<String, String> environment) {
    String url = storeUrl == null ? "" : storeUrl.trim();
    String collection = collectionName(home);
    return switch (kind) {
      case HNSW ->
          LuceneVectorStore.builder(home.resolve(INDEX_FOLDER).resolve("vectors"), dimension)
              .build();
      case HNSWLIB ->
          HnswlibVectorStore.builder(home.resolve(INDEX_FOLDER).resolve("hnswlib"), dimension)
              .build();
      case CHROMA -> ChromaVectorStore.builder(url, collection, dimension).build();
      case WEAVIATE ->
          WeaviateVectorStore.builder(url, weaviateClass(collection), dimension).build();
      case PGVECTOR -> {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        String user = environment.get(PG_USER_ENV);
        if (ds.getUser() == null && user != null) {
          ds.setUser(user);
        }
        String password = environment.get(PG_PASSWORD_ENV);
        if (ds.getPassword() == null && password != null) {
          ds.setPassword(password);
        }
        yield PgVectorStore.builder(ds, collection, dimension).build();
      }
      case MEMORY -> new InMemoryVectorStore();
    };
  }

  /**
   * The collection (Chroma), table (pgvector) or class (Weaviate) of a home on a shared server:
   * {@code elavira_} and a hash of the home's path, so that two homes on one server never mix their
   * passages. A moved home gets a new name and is re-indexed from its database.
   */
  static String collectionName(Path home) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  home.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return "elavira_" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Weaviate class names start with an upper-case letter. */
  private static String weaviateClass(String collection) {
    return "Elavira_" + collection.substring("elavira_".length());
  }

  private static String name(StoreKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
