package io.elavira.store.internal;

import io.elavira.ElaviraException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. Applies the numbered SQL files of {@code io/elavira/store/migrations} in order and
 * records each in {@code schema_version}.
 *
 * <p>Each migration runs in its own {@code BEGIN IMMEDIATE} transaction, which re-reads the version
 * first, so two processes opening the same new file at once apply every migration once. A database
 * whose version is newer than the last file known here is refused, not touched.
 *
 * <p>An up-to-date database costs one metadata lookup and one query. Stateless and thread-safe.
 */
public final class MigrationRunner {
  /** Where the SQL files live on the class path. */
  static final String LOCATION = "/io/elavira/store/migrations/";

  /**
   * The migrations, in order: file {@code V<n>__<description>.sql} is version n. Append here when
   * adding a file (a test checks that this list and the directory agree).
   */
  public static final List<String> MIGRATIONS = List.of("V1__init.sql");

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
    int found;
    try {
      found = db.rawHandle(MigrationRunner::currentVersion);
    } catch (JdbiException e) {
      throw db.wrap("reading the schema version", e);
    }
    checkNotNewer(db, found);
    for (int version = found + 1; version <= latestVersion(); version++) {
      apply(db, version);
    }
    return found;
  }

  private static void apply(Database db, int version) {
    String fileName = MIGRATIONS.get(version - 1);
    Matcher m = NAME.matcher(fileName);
    if (!m.matches() || Integer.parseInt(m.group(1)) != version) {
      throw new IllegalStateException(
          "Migration " + fileName + " is not named V" + version + "__<description>.sql");
    }
    String sql = load(fileName);
    long started = System.nanoTime();
    db.write(
        "applying migration " + fileName,
        h -> {
          h.execute(
              "CREATE TABLE IF NOT EXISTS schema_version ("
                  + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, "
                  + "checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)");
          int current = currentVersion(h);
          checkNotNewer(db, current);
          if (current >= version) {
            return null; // another process applied it meanwhile
          }
          h.createScript(sql).executeAsSeparateStatements();
          h.createUpdate(
                  "INSERT INTO schema_version (version, description, checksum, applied_at) "
                      + "VALUES (:v, :d, :c, :t)")
              .bind("v", version)
              .bind("d", m.group(2))
              .bind("c", ContentHash.of(sql))
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

  private static void checkNotNewer(Database db, int found) {
    if (found > latestVersion()) {
      throw new ElaviraException(
          "The Elavira database "
              + db.file()
              + " has schema version "
              + found
              + ", newer than this Elavira knows (up to version "
              + latestVersion()
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
