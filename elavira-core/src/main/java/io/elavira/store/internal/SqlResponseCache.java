package io.elavira.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.ElaviraException;
import io.elavira.store.CachedResponse;
import io.elavira.store.ResponseCacheStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Not API. {@link ResponseCacheStore} over the {@code response_cache} table (V1): the answer's text
 * and token counts are kept as a small JSON object in its {@code response} column. Stateless over
 * its {@link Database}: thread-safe as the database is. The SQL runs on SQLite and PostgreSQL
 * ({@code ON CONFLICT ... DO UPDATE}).
 */
public final class SqlResponseCache implements ResponseCacheStore {
  private final Database db;

  /** Uses {@code db}; does not own it. */
  public SqlResponseCache(Database db) {
    this.db = db;
  }

  /** Created on first use: Jackson is slow to start in a cold JVM. */
  private static final class Holder {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  @Override
  public Optional<CachedResponse> find(String key, long nowMillis) {
    Objects.requireNonNull(key, "key");
    return db.read(
        "reading the response cache",
        h ->
            h.createQuery(
                    "SELECT cache_key, agent_id, provider, model, response, created_at, expires_at"
                        + " FROM response_cache WHERE cache_key = :key"
                        + " AND (expires_at IS NULL OR expires_at > :now)")
                .bind("key", key)
                .bind("now", nowMillis)
                .map(
                    (rs, ctx) -> {
                      long expires = rs.getLong(7);
                      Long expiresAt = rs.wasNull() ? null : expires;
                      JsonNode response = parse(rs.getString(5));
                      return new CachedResponse(
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          response.path("text").asText(""),
                          response.path("inputTokens").asInt(0),
                          response.path("outputTokens").asInt(0),
                          rs.getLong(6),
                          expiresAt);
                    })
                .findOne());
  }

  @Override
  public void put(CachedResponse entry, long nowMillis) {
    Objects.requireNonNull(entry, "entry");
    ObjectNode response = Holder.JSON.createObjectNode();
    response.put("text", entry.text());
    response.put("inputTokens", entry.inputTokens());
    response.put("outputTokens", entry.outputTokens());
    String json = response.toString();
    db.write(
        "writing to the response cache",
        h -> {
          h.createUpdate(
                  "DELETE FROM response_cache WHERE expires_at IS NOT NULL AND expires_at <= :now")
              .bind("now", nowMillis)
              .execute();
          return h.createUpdate(
                  "INSERT INTO response_cache"
                      + " (cache_key, agent_id, provider, model, response, created_at, expires_at)"
                      + " VALUES (:key, :agent, :provider, :model, :response, :created, :expires)"
                      + " ON CONFLICT (cache_key) DO UPDATE SET agent_id = excluded.agent_id,"
                      + " provider = excluded.provider, model = excluded.model,"
                      + " response = excluded.response, created_at = excluded.created_at,"
                      + " expires_at = excluded.expires_at")
              .bind("key", entry.key())
              .bind("agent", entry.agentId())
              .bind("provider", entry.provider())
              .bind("model", entry.model())
              .bind("response", json)
              .bind("created", entry.createdAtMillis())
              .bind("expires", entry.expiresAtMillis())
              .execute();
        });
  }

  @Override
  public int trim(String agentId, long maxEntries) {
    Objects.requireNonNull(agentId, "agentId");
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be >= 0, got " + maxEntries);
    }
    return db.write(
        "trimming the response cache of agent " + agentId,
        h ->
            h.createUpdate(
                    "DELETE FROM response_cache WHERE agent_id = :agent AND cache_key NOT IN"
                        + " (SELECT cache_key FROM response_cache WHERE agent_id = :agent"
                        + " ORDER BY created_at DESC, cache_key LIMIT :max)")
                .bind("agent", agentId)
                .bind("max", maxEntries)
                .execute());
  }

  @Override
  public int clear(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return db.write(
        "clearing the response cache of agent " + agentId,
        h ->
            h.createUpdate("DELETE FROM response_cache WHERE agent_id = :agent")
                .bind("agent", agentId)
                .execute());
  }

  private static JsonNode parse(String json) {
    try {
      return Holder.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // Never the row's text in the message: it may quote private documents.
      throw new ElaviraException(
          "A response_cache row is not valid JSON; clear the agent's response cache", e);
    }
  }
}
