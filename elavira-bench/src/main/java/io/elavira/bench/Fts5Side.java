package io.elavira.bench;

import io.elavira.store.ChunkRecord;
import io.elavira.store.ElaviraStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The zero-dependency lexical alternative, for comparison only: the same chunks in an in-memory
 * SQLite FTS5 table (sqlite-jdbc's bundled SQLite), ranked by FTS5's {@code bm25()}; the question's
 * words are OR-ed, as the Lucene index does. FTS5 has no French stemmer, no elision and no stop
 * words; {@code porter} is the English Porter stemmer.
 */
final class Fts5Side implements AutoCloseable {
  private final Connection connection;

  Fts5Side(String tokenizer, ElaviraStore store, Set<String> documentIds) throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE VIRTUAL TABLE chunks USING fts5(doc UNINDEXED, text, tokenize = '"
              + tokenizer
              + "')");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO chunks (doc, text) VALUES (?, ?)")) {
      for (String id : documentIds) {
        for (ChunkRecord c : store.documents().chunksOf(id)) {
          insert.setString(1, id);
          insert.setString(2, c.text());
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  /** Document ids, best first (a document at its best chunk). */
  List<String> rank(String question) {
    String match =
        Arrays.stream(question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
            .filter(w -> !w.isEmpty())
            .distinct()
            .map(w -> "\"" + w + "\"")
            .collect(Collectors.joining(" OR "));
    if (match.isEmpty()) {
      return List.of();
    }
    try (PreparedStatement q =
        connection.prepareStatement(
            "SELECT doc FROM chunks WHERE chunks MATCH ? ORDER BY bm25(chunks) LIMIT 1000")) {
      q.setString(1, match);
      List<String> docs = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          if (!docs.contains(rs.getString(1))) {
            docs.add(rs.getString(1));
          }
        }
      }
      return docs;
    } catch (SQLException e) {
      throw new IllegalStateException("FTS5 query failed", e);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
