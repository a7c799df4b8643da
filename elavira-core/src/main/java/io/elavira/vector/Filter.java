package io.elavira.vector;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A condition on record metadata, applied inside the store's search (not after it), so that {@code
 * topK} results are returned even when most records do not match.
 *
 * <p>Immutable. Build with the static factories: {@code Filter.and(Filter.eq("agent_id", "a1"),
 * Filter.in("owner_id", Set.of("u1", "")))}.
 */
public sealed interface Filter {

  /** Whether this filter accepts a record with the given metadata. */
  boolean test(Map<String, String> metadata);

  /** Matches every record. */
  static Filter all() {
    return All.INSTANCE;
  }

  /** Matches records whose metadata {@code key} equals {@code value}. */
  static Filter eq(String key, String value) {
    return new Eq(key, value);
  }

  /** Matches records whose metadata {@code key} is one of {@code values}. */
  static Filter in(String key, Set<String> values) {
    return new In(key, values);
  }

  /** Matches records whose metadata {@code key} is absent. */
  static Filter missing(String key) {
    return new Missing(key);
  }

  /** Matches records that every one of {@code filters} matches. */
  static Filter and(Filter... filters) {
    return new And(List.of(filters));
  }

  /** Matches records that at least one of {@code filters} matches. */
  static Filter or(Filter... filters) {
    return new Or(List.of(filters));
  }

  /** Matches everything. */
  enum All implements Filter {
    /** The only instance. */
    INSTANCE;

    @Override
    public boolean test(Map<String, String> metadata) {
      return true;
    }
  }

  /**
   * Metadata {@code key} equals {@code value}.
   *
   * @param key metadata key
   * @param value expected value
   */
  record Eq(String key, String value) implements Filter {
    /** Validates. */
    public Eq {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean test(Map<String, String> metadata) {
      return value.equals(metadata.get(key));
    }
  }

  /**
   * Metadata {@code key} is one of {@code values}.
   *
   * @param key metadata key
   * @param values accepted values, copied
   */
  record In(String key, Set<String> values) implements Filter {
    /** Validates and copies. */
    public In {
      Objects.requireNonNull(key, "key");
      values = Set.copyOf(values);
    }

    @Override
    public boolean test(Map<String, String> metadata) {
      String v = metadata.get(key);
      return v != null && values.contains(v);
    }
  }

  /**
   * Metadata {@code key} is absent.
   *
   * @param key metadata key
   */
  record Missing(String key) implements Filter {
    /** Validates. */
    public Missing {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean test(Map<String, String> metadata) {
      return !metadata.containsKey(key);
    }
  }

  /**
   * All of the filters match.
   *
   * @param filters the conditions, copied
   */
  record And(List<Filter> filters) implements Filter {
    /** Copies. */
    public And {
      filters = List.copyOf(filters);
    }

    @Override
    public boolean test(Map<String, String> metadata) {
      for (Filter f : filters) {
        if (!f.test(metadata)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * At least one of the filters matches.
   *
   * @param filters the conditions, copied
   */
  record Or(List<Filter> filters) implements Filter {
    /** Copies. */
    public Or {
      filters = List.copyOf(filters);
    }

    @Override
    public boolean test(Map<String, String> metadata) {
      for (Filter f : filters) {
        if (f.test(metadata)) {
          return true;
        }
      }
      return false;
    }
  }
}
