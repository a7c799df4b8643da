package io.elavira.llm.http.internal;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The chat options every HTTP provider facade's builder collects (model, temperature, output limit,
 * where environment variables are read), validated at once; each facade's public builder delegates
 * its setters here. Not thread-safe. Not API.
 */
public final class ChatOptions {
  private final double maxTemperature;
  private @Nullable String model;
  private @Nullable Double temperature;
  private @Nullable Integer maxOutputTokens;
  private Function<String, @Nullable String> environment = System::getenv;

  /**
   * Options with nothing set.
   *
   * @param maxTemperature the highest temperature the API accepts (2, or 1 for Claude)
   */
  public ChatOptions(double maxTemperature) {
    this.maxTemperature = maxTemperature;
  }

  /**
   * The default model.
   *
   * @throws IllegalArgumentException when blank
   * @throws IllegalStateException when already set
   */
  public void model(String model) {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (this.model != null) {
      throw new IllegalStateException("model was already set to " + this.model);
    }
    this.model = model;
  }

  /** The model set, or null. */
  public @Nullable String model() {
    return model;
  }

  /**
   * The model set.
   *
   * @param example a model name for the message, e.g. "gpt-4o-mini"
   * @throws IllegalStateException when none was set
   */
  public String requireModel(String example) {
    String m = model;
    if (m == null) {
      throw new IllegalStateException("set the model, e.g. builder().model(\"" + example + "\")");
    }
    return m;
  }

  /**
   * The default temperature.
   *
   * @throws IllegalArgumentException when outside [0, maxTemperature]
   */
  public void temperature(double temperature) {
    if (!(temperature >= 0 && temperature <= maxTemperature)) {
      throw new IllegalArgumentException(
          "temperature must be in [0, " + (long) maxTemperature + "], got " + temperature);
    }
    this.temperature = temperature;
  }

  /** The temperature set, or null. */
  public @Nullable Double temperature() {
    return temperature;
  }

  /**
   * The default output limit.
   *
   * @throws IllegalArgumentException when below 1
   */
  public void maxOutputTokens(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxOutputTokens must be >= 1, got " + max);
    }
    this.maxOutputTokens = max;
  }

  /** The output limit set, or null. */
  public @Nullable Integer maxOutputTokens() {
    return maxOutputTokens;
  }

  /** Where environment variables are read. */
  public void environment(Function<String, @Nullable String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Where environment variables are read; default {@link System#getenv(String)}. */
  public Function<String, @Nullable String> environment() {
    return environment;
  }
}
