package io.elavira.store.internal;

import io.elavira.store.AgentStore;
import io.elavira.store.StoredAgent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Not API. {@link AgentStore} over the {@code agents} table (V6 columns). Stateless over its {@link
 * Database}: thread-safe as the database is.
 */
public final class SqlAgentStore implements AgentStore {
  private static final String COLUMNS = "id, description, config, version, created_at, updated_at";

  private final Database db;

  /** Uses {@code db}; does not own it. */
  public SqlAgentStore(Database db) {
    this.db = db;
  }

  @Override
  public StoredAgent create(
      String id, String description, String configJson, @Nullable String userId) {
    require(id, description, configJson);
    return db.write(
        "creating agent " + id,
        h -> {
          long now = db.clock().millis();
          Optional<StoredAgent> existing = find(h, id);
          if (existing.isPresent() && existing.get().configured()) {
            throw new IllegalArgumentException(
                "agent '" + id + "' already exists; update it instead, or delete it first");
          }
          Rows.ensureAgent(h, id, now);
          h.createUpdate(
                  "UPDATE agents SET description = :description, config = :config,"
                      + " updated_at = :now, version = 1 WHERE id = :id")
              .bind("description", description)
              .bind("config", configJson)
              .bind("now", now)
              .bind("id", id)
              .execute();
          SqlAuditLog.insert(h, now, "agent.create", userId, id, "version 1");
          return find(h, id).orElseThrow();
        });
  }

  @Override
  public StoredAgent update(
      String id, String description, String configJson, @Nullable String userId) {
    require(id, description, configJson);
    return db.write(
        "updating agent " + id,
        h -> {
          long now = db.clock().millis();
          int changed =
              h.createUpdate(
                      "UPDATE agents SET description = :description, config = :config,"
                          + " updated_at = :now, version = version + 1"
                          + " WHERE id = :id AND config IS NOT NULL")
                  .bind("description", description)
                  .bind("config", configJson)
                  .bind("now", now)
                  .bind("id", id)
                  .execute();
          if (changed == 0) {
            throw new IllegalArgumentException(
                "no agent '" + id + "' to update; create it first (elavira agents create FILE)");
          }
          StoredAgent updated = find(h, id).orElseThrow();
          SqlAuditLog.insert(h, now, "agent.update", userId, id, "version " + updated.version());
          return updated;
        });
  }

  @Override
  public boolean delete(String id, @Nullable String userId) {
    Objects.requireNonNull(id, "id");
    return db.write(
        "deleting agent " + id,
        h -> {
          Optional<StoredAgent> existing = find(h, id);
          if (existing.isEmpty() || !existing.get().configured()) {
            return false;
          }
          long now = db.clock().millis();
          // Tombstones first, so that every process drops the agent's vectors at its next question.
          List<String> documents =
              h.createQuery("SELECT id FROM documents WHERE agent_id = :id")
                  .bind("id", id)
                  .mapTo(String.class)
                  .list();
          for (String document : documents) {
            ChangeLog.record(h, document, id, 0, now);
          }
          h.createUpdate("DELETE FROM agents WHERE id = :id").bind("id", id).execute();
          SqlAuditLog.insert(
              h, now, "agent.delete", userId, id, documents.size() + " documents removed");
          return true;
        });
  }

  @Override
  public Optional<StoredAgent> find(String id) {
    Objects.requireNonNull(id, "id");
    return db.read("reading agent " + id, h -> find(h, id));
  }

  @Override
  public long version(String id) {
    Objects.requireNonNull(id, "id");
    return db.read(
        "reading the version of agent " + id,
        h ->
            h.createQuery("SELECT version FROM agents WHERE id = :id")
                .bind("id", id)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
  }

  @Override
  public List<StoredAgent> list() {
    return db.read(
        "listing agents",
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM agents ORDER BY id")
                .map((rs, ctx) -> row(rs))
                .list());
  }

  private static Optional<StoredAgent> find(Handle h, String id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM agents WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> row(rs))
        .findOne();
  }

  private static StoredAgent row(ResultSet rs) throws SQLException {
    long updated = rs.getLong("updated_at");
    boolean neverUpdated = rs.wasNull();
    return new StoredAgent(
        rs.getString("id"),
        rs.getString("description"),
        rs.getString("config"),
        rs.getLong("version"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        neverUpdated ? null : Instant.ofEpochMilli(updated));
  }

  private static void require(String id, String description, String configJson) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(configJson, "configJson");
  }
}
