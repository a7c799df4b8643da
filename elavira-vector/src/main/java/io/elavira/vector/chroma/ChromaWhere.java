package io.elavira.vector.chroma;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.vector.Filter;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Translates a {@link Filter} into Chroma's {@code where} language.
 *
 * <p>Chroma cannot test that a key is absent, and its negative operators ({@code $ne}, {@code
 * $nin}) also match records without the key. So each record carries, for each of its keys {@code
 * k}, a marker {@code "has:k": true}; {@code missing(k)} becomes {@code {"has:k": {"$ne": true}}}.
 * The markers are stripped from the metadata returned to callers.
 */
final class ChromaWhere {
  static final String MARKER = "has:";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ChromaWhere() {}

  /** The {@code where} object, or null for {@link Filter#all()} (Chroma rejects an empty one). */
  static @Nullable ObjectNode where(Filter filter) {
    return filter instanceof Filter.All ? null : node(filter);
  }

  private static ObjectNode node(Filter filter) {
    if (filter instanceof Filter.All) {
      return marker("__elavira_never", "$ne");
    } else if (filter instanceof Filter.Eq eq) {
      return condition(eq.key(), "$eq", JSON.textNode(eq.value()));
    } else if (filter instanceof Filter.In in) {
      ArrayNode values = JSON.arrayNode();
      in.values().stream().sorted().forEach(values::add);
      return in.values().isEmpty()
          ? marker("__elavira_never", "$eq")
          : condition(in.key(), "$in", values);
    } else if (filter instanceof Filter.Missing missing) {
      return marker(missing.key(), "$ne");
    } else if (filter instanceof Filter.And and) {
      return and.filters().isEmpty()
          ? marker("__elavira_never", "$ne")
          : combine("$and", and.filters());
    } else if (filter instanceof Filter.Or or) {
      return or.filters().isEmpty()
          ? marker("__elavira_never", "$eq")
          : combine("$or", or.filters());
    }
    throw new IllegalArgumentException("unknown filter type " + filter.getClass().getName());
  }

  private static ObjectNode combine(String operator, java.util.List<Filter> filters) {
    if (filters.size() == 1) {
      return node(filters.get(0));
    }
    ArrayNode parts = JSON.arrayNode();
    filters.forEach(f -> parts.add(node(f)));
    ObjectNode o = JSON.objectNode();
    o.set(operator, parts);
    return o;
  }

  private static ObjectNode marker(String key, String operator) {
    return condition(MARKER + key, operator, JSON.booleanNode(true));
  }

  private static ObjectNode condition(
      String key, String operator, com.fasterxml.jackson.databind.JsonNode value) {
    ObjectNode op = JSON.objectNode();
    op.set(operator, value);
    ObjectNode o = JSON.objectNode();
    o.set(key, op);
    return o;
  }

  /** The metadata as written: the values plus one presence marker per key. */
  static ObjectNode metadata(Map<String, String> metadata) {
    ObjectNode o = JSON.objectNode();
    metadata.forEach(
        (k, v) -> {
          o.put(k, v);
          o.put(MARKER + k, true);
        });
    return o;
  }

  /** The metadata as read back, markers removed. */
  static Map<String, String> read(com.fasterxml.jackson.databind.@Nullable JsonNode node) {
    Map<String, String> out = new HashMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : node.properties()) {
        if (!e.getKey().startsWith(MARKER)) {
          out.put(e.getKey(), e.getValue().asText());
        }
      }
    }
    return out;
  }
}
