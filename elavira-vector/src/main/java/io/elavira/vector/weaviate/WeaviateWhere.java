package io.elavira.vector.weaviate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.vector.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How records and filters are laid out in Weaviate, whose properties are typed and declared: each
 * record holds its id ({@code elaviraId}), its metadata as JSON ({@code metadataJson}, not
 * indexed), the pairs {@code key␟value} ({@code metaPairs}) and the keys ({@code metaKeys}, with a
 * sentinel so it is never empty) as exact-match text arrays. {@code eq}/{@code in} become {@code
 * ContainsAny} on the pairs, {@code missing} {@code ContainsNone} on the keys. Filters are written
 * as GraphQL input objects, every string escaped as a JSON (= GraphQL) string literal.
 */
final class WeaviateWhere {
  static final String ID = "elaviraId";
  static final String METADATA = "metadataJson";
  static final String PAIRS = "metaPairs";
  static final String KEYS = "metaKeys";
  private static final String SEPARATOR = "\u001f";
  private static final String SENTINEL = SEPARATOR;
  private static final String NEVER = SEPARATOR + SEPARATOR;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WeaviateWhere() {}

  /** The properties of a record. */
  static Map<String, Object> properties(String id, Map<String, String> metadata) {
    List<String> pairs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    keys.add(SENTINEL);
    new TreeMap<>(metadata)
        .forEach(
            (k, v) -> {
              pairs.add(k + SEPARATOR + v);
              keys.add(k);
            });
    try {
      return Map.of(ID, id, METADATA, JSON.writeValueAsString(metadata), PAIRS, pairs, KEYS, keys);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise metadata", e);
    }
  }

  static String graphQl(Filter filter) {
    if (filter instanceof Filter.All) {
      return contains(KEYS, "ContainsAny", List.of(SENTINEL));
    } else if (filter instanceof Filter.Eq eq) {
      return contains(PAIRS, "ContainsAny", List.of(eq.key() + SEPARATOR + eq.value()));
    } else if (filter instanceof Filter.In in) {
      List<String> pairs =
          in.values().stream().sorted().map(v -> in.key() + SEPARATOR + v).toList();
      return contains(PAIRS, "ContainsAny", pairs.isEmpty() ? List.of(NEVER) : pairs);
    } else if (filter instanceof Filter.Missing missing) {
      return contains(KEYS, "ContainsNone", List.of(missing.key()));
    } else if (filter instanceof Filter.And and) {
      return and.filters().isEmpty() ? graphQl(Filter.all()) : combine("And", and.filters());
    } else if (filter instanceof Filter.Or or) {
      return or.filters().isEmpty()
          ? contains(KEYS, "ContainsAny", List.of(NEVER))
          : combine("Or", or.filters());
    }
    throw new IllegalArgumentException("unknown filter type " + filter.getClass().getName());
  }

  private static String combine(String operator, List<Filter> filters) {
    if (filters.size() == 1) {
      return graphQl(filters.get(0));
    }
    List<String> operands = filters.stream().map(WeaviateWhere::graphQl).toList();
    return "{operator: " + operator + ", operands: [" + String.join(", ", operands) + "]}";
  }

  private static String contains(String property, String operator, List<String> values) {
    return "{path: [\""
        + property
        + "\"], operator: "
        + operator
        + ", valueText: "
        + literal(values)
        + "}";
  }

  /** A JSON array of strings, which is also a valid GraphQL list literal. */
  static String literal(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a GraphQL literal", e);
    }
  }

  /** The same filter as REST JSON (for {@code DELETE /v1/batch/objects}). */
  static Map<String, Object> rest(Filter filter) {
    if (filter instanceof Filter.All) {
      return restContains(KEYS, "ContainsAny", List.of(SENTINEL));
    } else if (filter instanceof Filter.Eq eq) {
      return restContains(PAIRS, "ContainsAny", List.of(eq.key() + SEPARATOR + eq.value()));
    } else if (filter instanceof Filter.In in) {
      List<String> pairs =
          in.values().stream().sorted().map(v -> in.key() + SEPARATOR + v).toList();
      return restContains(PAIRS, "ContainsAny", pairs.isEmpty() ? List.of(NEVER) : pairs);
    } else if (filter instanceof Filter.Missing missing) {
      return restContains(KEYS, "ContainsNone", List.of(missing.key()));
    } else if (filter instanceof Filter.And and) {
      return and.filters().isEmpty() ? rest(Filter.all()) : restCombine("And", and.filters());
    } else if (filter instanceof Filter.Or or) {
      return or.filters().isEmpty()
          ? restContains(KEYS, "ContainsAny", List.of(NEVER))
          : restCombine("Or", or.filters());
    }
    throw new IllegalArgumentException("unknown filter type " + filter.getClass().getName());
  }

  private static Map<String, Object> restCombine(String operator, List<Filter> filters) {
    if (filters.size() == 1) {
      return rest(filters.get(0));
    }
    return Map.of(
        "operator", operator, "operands", filters.stream().map(WeaviateWhere::rest).toList());
  }

  private static Map<String, Object> restContains(
      String property, String operator, List<String> values) {
    return Map.of("path", List.of(property), "operator", operator, "valueTextArray", values);
  }
}
