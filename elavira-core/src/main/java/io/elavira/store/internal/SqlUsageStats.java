package io.elavira.store.internal;

import io.elavira.store.UsageStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Computes {@link UsageStats} from the {@code messages}, {@code conversations} and {@code
 * logs} tables in one read transaction: cache hits and misses from the {@code cache=} field of the
 * {@code ask} audit entries, fallbacks from the answers' {@code attempts} JSON. Stateless over its
 * {@link Database}; thread-safe.
 */
public final class SqlUsageStats {
  private final Database db;

  /** Uses {@code db}; does not own it. */
  public SqlUsageStats(Database db) {
    this.db = db;
  }

  /** The usage of {@code agentId} (every agent when null) in {@code [from, to)}. */
  public UsageStats usage(@Nullable String agentId, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException(
          "The period must end after it starts: " + from + " to " + to);
    }
    return db.read(
        "computing usage statistics",
        h -> {
          String answers =
              " FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                  + " WHERE m.role = 'ASSISTANT' AND m.created_at >= :from AND m.created_at < :to"
                  + (agentId == null ? "" : " AND c.agent_id = :agent");
          long requests = count(h, "SELECT COUNT(*)" + answers, agentId, from, to);
          long conversations =
              count(h, "SELECT COUNT(DISTINCT m.conversation_id)" + answers, agentId, from, to);
          List<UsageStats.ModelUsage> byModel =
              bind(
                      h.createQuery(
                          "SELECT m.provider, m.model, COUNT(*), SUM(m.input_tokens),"
                              + " SUM(m.output_tokens)"
                              + answers
                              + " GROUP BY m.provider, m.model ORDER BY COUNT(*) DESC,"
                              + " m.provider, m.model"),
                      agentId,
                      from,
                      to)
                  .map(
                      (rs, ctx) ->
                          new UsageStats.ModelUsage(
                              rs.getString(1),
                              rs.getString(2),
                              rs.getLong(3),
                              rs.getLong(4),
                              rs.getLong(5)))
                  .list();
          String audit =
              " FROM logs WHERE ts >= :from AND ts < :to"
                  + (agentId == null ? "" : " AND agent_id = :agent");
          long extractive =
              count(
                  h,
                  "SELECT COUNT(*)"
                      + audit
                      + " AND action = 'ask' AND details LIKE '% mode=EXTRACTIVE %'",
                  agentId,
                  from,
                  to);
          long rejections =
              count(
                  h, "SELECT COUNT(*)" + audit + " AND action = 'guard.block'", agentId, from, to);
          long cacheHits =
              count(
                  h,
                  "SELECT COUNT(*)"
                      + audit
                      + " AND action = 'ask' AND details LIKE '% cache=hit %'",
                  agentId,
                  from,
                  to);
          long cacheMisses =
              count(
                  h,
                  "SELECT COUNT(*)"
                      + audit
                      + " AND action = 'ask' AND details LIKE '% cache=miss %'",
                  agentId,
                  from,
                  to);
          // The answering attempt is the last of a chain: any failed or skipped one came before.
          long fallbacks =
              count(
                  h,
                  "SELECT COUNT(*)"
                      + answers
                      + " AND m.attempts LIKE '%\"outcome\":\"ANSWERED\"%'"
                      + " AND (m.attempts LIKE '%\"outcome\":\"FAILED\"%'"
                      + " OR m.attempts LIKE '%\"outcome\":\"SKIPPED_BREAKER_OPEN\"%')",
                  agentId,
                  from,
                  to);
          double minutes = Math.max(1.0, Duration.between(from, to).toMillis() / 60_000.0);
          return new UsageStats(
              agentId,
              from,
              to,
              requests,
              requests / minutes,
              percentile(h, answers, agentId, from, to, requests, 50),
              percentile(h, answers, agentId, from, to, requests, 95),
              percentile(h, answers, agentId, from, to, requests, 99),
              byModel,
              extractive,
              rejections,
              conversations,
              cacheHits,
              cacheMisses,
              fallbacks);
        });
  }

  /** The nearest-rank percentile of the answers' latency: one sorted lookup, nothing loaded. */
  private static long percentile(
      Handle h,
      String answers,
      @Nullable String agentId,
      Instant from,
      Instant to,
      long requests,
      int percent) {
    if (requests == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(percent / 100.0 * requests);
    return bind(
            h.createQuery(
                "SELECT m.latency_ms" + answers + " ORDER BY m.latency_ms LIMIT 1 OFFSET :offset"),
            agentId,
            from,
            to)
        .bind("offset", Math.max(0, rank - 1))
        .mapTo(Long.class)
        .one();
  }

  private static long count(
      Handle h, String sql, @Nullable String agentId, Instant from, Instant to) {
    return bind(h.createQuery(sql), agentId, from, to).mapTo(Long.class).one();
  }

  private static org.jdbi.v3.core.statement.Query bind(
      org.jdbi.v3.core.statement.Query query, @Nullable String agentId, Instant from, Instant to) {
    query.bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli());
    if (agentId != null) {
      query.bind("agent", agentId);
    }
    return query;
  }
}
