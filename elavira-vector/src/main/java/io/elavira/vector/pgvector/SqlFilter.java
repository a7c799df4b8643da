package io.elavira.vector.pgvector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.vector.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Filter} as a SQL condition on the {@code metadata} JSONB column, with its parameters
 * (values are always bound, never spliced into the SQL). {@code eq} uses containment ({@code @>}),
 * which the GIN index serves; {@code missing} uses {@code jsonb_exists} (the {@code ?} operator
 * would clash with JDBC placeholders).
 */
record SqlFilter(String sql, List<Object> parameters) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static SqlFilter of(Filter filter) {
    List<Object> parameters = new ArrayList<>();
    String sql = sql(filter, parameters);
    return new SqlFilter(sql, List.copyOf(parameters));
  }

  private static String sql(Filter filter, List<Object> parameters) {
    if (filter instanceof Filter.All) {
      return "TRUE";
    } else if (filter instanceof Filter.Eq eq) {
      parameters.add(json(Map.of(eq.key(), eq.value())));
      return "metadata @> ?::jsonb";
    } else if (filter instanceof Filter.In in) {
      parameters.add(in.key());
      parameters.add(in.values().toArray(new String[0]));
      return "(metadata ->> ?) = ANY (?)";
    } else if (filter instanceof Filter.Missing missing) {
      parameters.add(missing.key());
      return "NOT jsonb_exists(metadata, ?)";
    } else if (filter instanceof Filter.And and) {
      return combine(and.filters(), " AND ", "TRUE", parameters);
    } else if (filter instanceof Filter.Or or) {
      return combine(or.filters(), " OR ", "FALSE", parameters);
    }
    throw new IllegalArgumentException("unknown filter type " + filter.getClass().getName());
  }

  private static String combine(
      List<Filter> filters, String operator, String empty, List<Object> parameters) {
    if (filters.isEmpty()) {
      return empty;
    }
    List<String> parts = new ArrayList<>();
    for (Filter f : filters) {
      parts.add(sql(f, parameters));
    }
    return "(" + String.join(operator, parts) + ")";
  }

  static String json(Map<String, String> metadata) {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise metadata", e);
    }
  }
}
