package io.elavira.llm.http.internal;

import io.elavira.llm.LlmProviderConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link LlmProviderConfig} for a provider factory: rejects unknown options (a typo must
 * not be silently ignored), parses numbers and durations naming the option that is wrong, and
 * resolves {@code apiKeyEnv}. Not API.
 */
public final class ProviderConfig {
  private final String provider;
  private final LlmProviderConfig config;

  /**
   * Checks that every option is one of {@code known}.
   *
   * @throws IllegalArgumentException naming the unknown options and the known ones
   */
  public ProviderConfig(String provider, LlmProviderConfig config, Set<String> known) {
    this.provider = provider;
    this.config = config;
    Set<String> unknown = new TreeSet<>(config.options().keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option(s) "
              + unknown
              + " for provider "
              + provider
              + "; known: "
              + new TreeSet<>(known));
    }
  }

  /** Runs {@code setter} with the base URL when configured. */
  public void baseUrl(Consumer<String> setter) {
    if (config.baseUrl() != null) {
      setter.accept(config.baseUrl());
    }
  }

  /** Runs {@code setter} with the model when configured. */
  public void model(Consumer<String> setter) {
    if (config.model() != null) {
      setter.accept(config.model());
    }
  }

  /**
   * Runs {@code setter} with the key read from {@code apiKeyEnv} when one is named.
   *
   * @throws IllegalArgumentException when the named variable is unset
   */
  public void apiKey(Consumer<String> setter) {
    String env = config.apiKeyEnv();
    if (env == null) {
      return;
    }
    String key = config.env(env);
    if (key == null) {
      throw new IllegalArgumentException(
          "provider " + provider + ": environment variable " + env + " (apiKeyEnv) is not set");
    }
    setter.accept(key);
  }

  /** The raw option, or null. */
  public @Nullable String option(String name) {
    return config.options().get(name);
  }

  /** Runs {@code setter} with a number option when present. */
  public void number(String name, Consumer<Double> setter) {
    String v = option(name);
    if (v != null) {
      try {
        setter.accept(Double.parseDouble(v.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "provider " + provider + ": option " + name + " is not a number: " + v, e);
      }
    }
  }

  /** Runs {@code setter} with a boolean option ("true"/"false") when present. */
  public void bool(String name, Consumer<Boolean> setter) {
    String v = option(name);
    if (v != null) {
      if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(
            "provider " + provider + ": option " + name + " is not true or false: " + v);
      }
      setter.accept(Boolean.parseBoolean(v));
    }
  }

  /** Runs {@code setter} with a duration option (ISO-8601 "PT30S" or seconds "30") when present. */
  public void duration(String name, Consumer<Duration> setter) {
    String v = option(name);
    if (v != null) {
      try {
        setter.accept(
            v.trim().toUpperCase(Locale.ROOT).startsWith("P")
                ? Duration.parse(v.trim())
                : Duration.ofMillis(Math.round(Double.parseDouble(v.trim()) * 1000)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "provider " + provider + ": option " + name + " is not a duration (PT30S or 30): " + v,
            e);
      }
    }
  }

  /** The environment variable, or null. */
  public @Nullable String env(String name) {
    return config.env(name);
  }
}
