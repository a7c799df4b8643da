package io.elavira.store.internal;

import io.elavira.ElaviraException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. Applies the numbered SQL files of {@code io/elavira/store/migrations} in order and
 * records each in {@code schema_version} with its checksum.
 *
 * <p>Each migration runs in its own {@code BEGIN IMMEDIATE} transaction, which re-reads the version
 * first, so two processes opening the same new file at once apply every migration once. A database
 * whose version is newer than the last file known here is refused, not touched.
 *
 * <p>On every open the checksums recorded for the applied migrations are compared with the files of
 * this build (SHA-256 of the text, line endings normalised): a file edited after it was applied is
 * refused with an {@link ElaviraException} naming it, before anything else is migrated. A row
 * recorded without a checksum (an early database) gets the current file's checksum on that open.
 *
 * <p>An up-to-date database costs one metadata lookup, two small queries and hashing the files
 * (about 10 KB). Stateless and thread-safe.
 */
public final class MigrationRunner {
  /** Where the SQL files live on the class path. */
  static final String LOCATION = "/io/elavira/store/migrations/";

  /**
   * The migrations, in order: file {@code V<n>__<description>.sql} is version n. Append here when
   * adding a file (a test checks that this list and the directory agree).
   */
  public static final List<String> MIGRATIONS =
      List.of(
          "V1__init.sql",
          "V2__versioned_chunks_and_change_log.sql",
          "V3__document_locations_and_size.sql",
          "V4__feedback_scale.sql",
          "V5__message_attempts.sql",
          "V6__long_term_memory.sql",
          "V7__agent_configs.sql",
          "V8__generation_profiles_and_versions.sql",
          "V9__server_accounts.sql",
          "V10__private_documents_keyed_by_owner.sql",
          "V11__answer_consensus.sql");

  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
  private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

  private MigrationRunner() {}

  /** The schema version the code knows: the number of the last migration. */
  public static int latestVersion() {
    return MIGRATIONS.size();
  }

  /**
   * Brings the database up to {@link #latestVersion()}.
   *
   * @return the version found before migrating (0 for a new file)
   * @throws ElaviraException when the database is newer than this code, or a migration fails
   */
  public static int migrate(Database db) {
    return migrate(db, MIGRATIONS, MigrationRunner::load);
  }

  /** As {@link #migrate(Database)}, with other files (tests): {@code source} reads one by name. */
  static int migrate(Database db, List<String> migrations, Function<String, String> source) {
    int found;
    try {
      found = db.rawHandle(MigrationRunner::currentVersion);
    } catch (JdbiException e) {
      throw db.wrap("reading the schema version", e);
    }
    checkNotNewer(db, found, migrations.size());
    if (found > 0) {
      verifyChecksums(db, migrations, source);
    }
    for (int version = found + 1; version <= migrations.size(); version++) {
      apply(db, version, migrations, source);
    }
    return found;
  }

  /**
   * The checksum recorded for a migration: SHA-256 of its text with CRLF line endings read as LF,
   * so that a checkout with Windows line endings matches the file as released.
   */
  static String checksum(String sql) {
    return ContentHash.of(sql.replace("\r\n", "\n"));
  }

  private static void verifyChecksums(
      Database db, List<String> migrations, Function<String, String> source) {
    List<Map.Entry<Integer, String>> applied =
        db.read(
            "reading the checksums of the applied migrations",
            h ->
                h.createQuery("SELECT version, checksum FROM schema_version ORDER BY version")
                    .map(
                        (rs, ctx) -> Map.entry(rs.getInt(1), Objects.toString(rs.getString(2), "")))
                    .list());
    for (Map.Entry<Integer, String> row : applied) {
      int version = row.getKey();
      String fileName = migrations.get(version - 1);
      String expected = checksum(source.apply(fileName));
      if (row.getValue().isBlank()) {
        db.write(
            "recording the checksum of migration " + fileName,
            h ->
                h.createUpdate(
                        "UPDATE schema_version SET checksum = :c WHERE version = :v"
                            + " AND (checksum IS NULL OR checksum = '')")
                    .bind("c", expected)
                    .bind("v", version)
                    .execute());
        LOG.debug("Recorded the checksum of migration {} in {}", fileName, db.file());
      } else if (!row.getValue().equals(expected)) {
        throw new ElaviraException(
            "Migration "
                + fileName
                + " was applied to the Elavira database "
                + db.file()
                + " with checksum "
                + row.getValue()
                + ", but the file in this Elavira build has checksum "
                + expected
                + ": it was edited after it was applied, so the schema may not be what this"
                + " Elavira expects. Restore the released "
                + fileName
                + " (never edit a released migration: add the change as a new V<n>__<name>.sql"
                + " file); the database was left unchanged.");
      }
    }
  }

  private static void apply(
      Database db, int version, List<String> migrations, Function<String, String> source) {
    String fileName = migrations.get(version - 1);
    Matcher m = NAME.matcher(fileName);
    if (!m.matches() || Integer.parseInt(m.group(1)) != version) {
      throw new IllegalStateException(
          "Migration " + fileName + " is not named V" + version + "__<description>.sql");
    }
    String sql = source.apply(fileName);
    long started = System.nanoTime();
    db.write(
        "applying migration " + fileName,
        h -> {
          h.execute(
              "CREATE TABLE IF NOT EXISTS schema_version ("
                  + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, "
                  + "checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)");
          int current = currentVersion(h);
          checkNotNewer(db, current, migrations.size());
          if (current >= version) {
            return null; // another process applied it meanwhile
          }
          h.createScript(sql).executeAsSeparateStatements();
          h.createUpdate(
                  "INSERT INTO schema_version (version, description, checksum, applied_at) "
                      + "VALUES (:v, :d, :c, :t)")
              .bind("v", version)
              .bind("d", m.group(2))
              .bind("c", checksum(sql))
              .bind("t", db.clock().millis())
              .execute();
          return null;
        });
    LOG.debug(
        "Applied migration {} to {} in {} ms",
        fileName,
        db.file(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private static void checkNotNewer(Database db, int found, int latest) {
    if (found > latest) {
      throw new ElaviraException(
          "The Elavira database "
              + db.file()
              + " has schema version "
              + found
              + ", newer than this Elavira knows (up to version "
              + latest
              + "): it was written by a newer Elavira. Upgrade Elavira to open it; it was left "
              + "unchanged.");
    }
  }

  private static int currentVersion(Handle h) {
    try (ResultSet tables =
        h.getConnection().getMetaData().getTables(null, null, "schema_version", null)) {
      if (!tables.next()) {
        return 0;
      }
    } catch (SQLException e) {
      throw new ElaviraException("Cannot read the tables of the Elavira database: " + e, e);
    }
    return h.createQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        .mapTo(Integer.class)
        .one();
  }

  static String load(String fileName) {
    try (InputStream in = MigrationRunner.class.getResourceAsStream(LOCATION + fileName)) {
      if (in == null) {
        throw new IllegalStateException(
            "Migration " + LOCATION + fileName + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ElaviraException("Cannot read migration " + LOCATION + fileName + ": " + e, e);
    }
  }
}
