package io.elavira.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;

/**
 * Not API. How the document store reads rows by any number of keys: the distinct keys, in order, go
 * into {@code IN (...)} lists of at most {@link #SIZE} each, all read in one read transaction. No
 * keys read nothing (but still fail once the database is closed).
 */
final class InLists {
  /** Keys per {@code IN (...)} list: far below every database's bound-parameter limit. */
  static final int SIZE = 500;

  private InLists() {}

  /**
   * Runs {@code query} on each list of keys and returns all the rows, list after list.
   *
   * @param what what is read, for the error message
   * @param query binds a list of keys (e.g. with {@code bindList}) and returns its rows
   * @throws IllegalStateException when the database is closed
   */
  static <T> List<T> read(
      Database db,
      String what,
      Collection<String> keys,
      BiFunction<Handle, List<String>, List<T>> query) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
    if (distinct.isEmpty()) {
      db.checkOpen();
      return List.of();
    }
    return db.read(
        what,
        h -> {
          List<T> result = new ArrayList<>();
          for (int from = 0; from < distinct.size(); from += SIZE) {
            result.addAll(
                query.apply(h, distinct.subList(from, Math.min(distinct.size(), from + SIZE))));
          }
          return result;
        });
  }
}
