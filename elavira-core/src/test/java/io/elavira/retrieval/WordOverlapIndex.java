package io.elavira.retrieval;

import io.elavira.vector.Filter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A lexical index for tests: scores a record by how many distinct question words it holds (lower
 * case, split on non-word characters, no analysis). Thread-safe; in memory.
 */
public final class WordOverlapIndex implements LexicalIndex {
  private final Map<String, LexicalRecord> records = new ConcurrentHashMap<>();

  @Override
  public void upsert(List<LexicalRecord> batch) {
    batch.forEach(r -> records.put(r.id(), r));
  }

  @Override
  public void delete(Collection<String> ids) {
    ids.forEach(records::remove);
  }

  @Override
  public int delete(Filter filter) {
    List<String> ids =
        records.values().stream().filter(r -> filter.test(r.metadata())).map(r -> r.id()).toList();
    ids.forEach(records::remove);
    return ids.size();
  }

  @Override
  public List<LexicalHit> search(String text, int topK, Filter filter) {
    Set<String> question = words(text);
    List<LexicalHit> hits = new ArrayList<>();
    for (LexicalRecord r : records.values()) {
      if (!filter.test(r.metadata())) {
        continue;
      }
      Set<String> shared = words(r.text());
      shared.retainAll(question);
      if (!shared.isEmpty()) {
        hits.add(new LexicalHit(r.id(), shared.size(), r.metadata()));
      }
    }
    hits.sort(
        Comparator.comparingDouble(LexicalHit::score).reversed().thenComparing(LexicalHit::id));
    return hits.subList(0, Math.min(topK, hits.size()));
  }

  @Override
  public int count(Filter filter) {
    return (int) records.values().stream().filter(r -> filter.test(r.metadata())).count();
  }

  @Override
  public void close() {}

  /** The ids and texts of every record, for assertions. */
  public Map<String, String> texts() {
    Map<String, String> out = new java.util.TreeMap<>();
    records.forEach((id, r) -> out.put(id, r.text()));
    return out;
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\W+"))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.toSet());
  }
}
