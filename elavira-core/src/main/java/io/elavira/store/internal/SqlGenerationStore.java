package io.elavira.store.internal;

import io.elavira.store.GeneratedDocRow;
import io.elavira.store.GenerationStore;
import io.elavira.store.ProfileRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Not API. {@link GenerationStore} over the {@code profiles} and {@code generated_docs} tables.
 * Stateless over its {@link Database}: thread-safe as the database is.
 */
public final class SqlGenerationStore implements GenerationStore {
  private static final String PROFILE_COLUMNS =
      "agent_id, user_id, version, origin, profile, created_at";
  private static final String DOC_COLUMNS =
      "id, agent_id, user_id, kind, language, title, content, version, parent_id, inputs, facts,"
          + " flags, draft, provider, model, letter, created_at";

  private final Database db;

  /** Uses {@code db}; does not own it. */
  public SqlGenerationStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public ProfileRow addProfile(String agentId, String userId, boolean edited, String json) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(json, "json");
    return db.write(
        "storing a profile version for user " + userId,
        h -> {
          int version =
              h.createQuery(
                          "SELECT COALESCE(MAX(version), 0) FROM profiles"
                              + " WHERE agent_id = :a AND user_id = :u")
                      .bind("a", agentId)
                      .bind("u", userId)
                      .mapTo(Integer.class)
                      .one()
                  + 1;
          long now = db.clock().millis();
          h.createUpdate(
                  "INSERT INTO profiles (" + PROFILE_COLUMNS + ") VALUES (:a, :u, :v, :o, :p, :t)")
              .bind("a", agentId)
              .bind("u", userId)
              .bind("v", version)
              .bind("o", edited ? "EDITED" : "EXTRACTED")
              .bind("p", json)
              .bind("t", now)
              .execute();
          return new ProfileRow(agentId, userId, version, edited, json, Instant.ofEpochMilli(now));
        });
  }

  @Override
  public Optional<ProfileRow> latestProfile(String agentId, String userId) {
    return db.read(
        "reading the profile of user " + userId,
        h ->
            h.createQuery(
                    "SELECT "
                        + PROFILE_COLUMNS
                        + " FROM profiles WHERE agent_id = :a AND user_id = :u"
                        + " ORDER BY version DESC LIMIT 1")
                .bind("a", agentId)
                .bind("u", userId)
                .map(SqlGenerationStore::profile)
                .findOne());
  }

  @Override
  public List<ProfileRow> profileVersions(String agentId, String userId) {
    return db.read(
        "reading the profile versions of user " + userId,
        h ->
            h.createQuery(
                    "SELECT "
                        + PROFILE_COLUMNS
                        + " FROM profiles WHERE agent_id = :a AND user_id = :u ORDER BY version")
                .bind("a", agentId)
                .bind("u", userId)
                .map(SqlGenerationStore::profile)
                .list());
  }

  @Override
  public void addGenerated(GeneratedDocRow row) {
    Objects.requireNonNull(row, "row");
    db.write(
        "storing generated document " + row.id(),
        h -> {
          boolean exists =
              h.createQuery("SELECT COUNT(*) FROM generated_docs WHERE id = :id")
                      .bind("id", row.id())
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (exists) {
            throw new IllegalArgumentException(
                "A generated document with id " + row.id() + " is already stored");
          }
          h.createUpdate(
                  "INSERT INTO generated_docs ("
                      + DOC_COLUMNS
                      + ", format) VALUES (:id, :agent, :user, :kind, :language, :title, :content,"
                      + " :version, :parent, :inputs, :facts, :flags, :draft, :provider, :model,"
                      + " :letter, :created, 'md')")
              .bind("id", row.id())
              .bind("agent", row.agentId())
              .bind("user", row.userId())
              .bind("kind", row.kind())
              .bind("language", row.language())
              .bind("title", row.title())
              .bind("content", row.content())
              .bind("version", row.version())
              .bind("parent", row.parentId())
              .bind("inputs", row.inputsJson())
              .bind("facts", row.factsJson())
              .bind("flags", row.flagsJson())
              .bind("draft", row.draft() ? 1 : 0)
              .bind("provider", row.provider())
              .bind("model", row.model())
              .bind("letter", row.letterJson())
              .bind("created", row.createdAt().toEpochMilli())
              .execute();
          return null;
        });
  }

  @Override
  public Optional<GeneratedDocRow> generated(String agentId, String id) {
    return db.read(
        "reading generated document " + id,
        h ->
            h.createQuery(
                    "SELECT "
                        + DOC_COLUMNS
                        + " FROM generated_docs WHERE agent_id = :a AND id = :id")
                .bind("a", agentId)
                .bind("id", id)
                .map(SqlGenerationStore::doc)
                .findOne());
  }

  @Override
  public List<GeneratedDocRow> generatedFor(String agentId, String userId) {
    return db.read(
        "listing the generated documents of user " + userId,
        h ->
            h.createQuery(
                    "SELECT "
                        + DOC_COLUMNS
                        + " FROM generated_docs WHERE agent_id = :a AND user_id = :u"
                        + " ORDER BY created_at DESC, version DESC, id")
                .bind("a", agentId)
                .bind("u", userId)
                .map(SqlGenerationStore::doc)
                .list());
  }

  private static ProfileRow profile(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ProfileRow(
        rs.getString("agent_id"),
        rs.getString("user_id"),
        rs.getInt("version"),
        "EDITED".equals(rs.getString("origin")),
        rs.getString("profile"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static GeneratedDocRow doc(ResultSet rs, StatementContext ctx) throws SQLException {
    return new GeneratedDocRow(
        rs.getString("id"),
        rs.getString("agent_id"),
        Objects.toString(rs.getString("user_id"), ""),
        rs.getString("kind"),
        rs.getString("language"),
        Objects.toString(rs.getString("title"), ""),
        rs.getString("content"),
        rs.getInt("version"),
        rs.getString("parent_id"),
        rs.getString("inputs"),
        rs.getString("facts"),
        rs.getString("flags"),
        rs.getInt("draft") != 0,
        rs.getString("provider"),
        rs.getString("model"),
        rs.getString("letter"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
