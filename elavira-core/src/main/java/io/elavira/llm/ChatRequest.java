package io.elavira.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is sent to a model: the messages and the sampling options. Immutable and thread-safe.
 *
 * <p>Made with {@link #of(List)} for the provider's defaults, or {@link #builder(List)} for
 * options; {@link #toBuilder()} derives a variant. New options are added to the builder, so callers
 * never break when the request grows.
 *
 * <p>An option left unset (null or empty) means "the provider's configured default".
 */
public final class ChatRequest {
  private final List<ChatMessage> messages;
  private final @Nullable String model;
  private final @Nullable Double temperature;
  private final @Nullable Integer maxOutputTokens;
  private final @Nullable Long seed;
  private final List<String> stopSequences;
  private final @Nullable JsonSchema jsonSchema;

  private ChatRequest(Builder b) {
    this.messages = b.messages;
    this.model = b.model;
    this.temperature = b.temperature;
    this.maxOutputTokens = b.maxOutputTokens;
    this.seed = b.seed;
    this.stopSequences = List.copyOf(b.stopSequences);
    this.jsonSchema = b.jsonSchema;
  }

  /**
   * A request with the provider's default model and options.
   *
   * @throws IllegalArgumentException when {@code messages} is empty
   */
  public static ChatRequest of(List<ChatMessage> messages) {
    return builder(messages).build();
  }

  /**
   * A request with the four classic options; what the former record's constructor took.
   *
   * @param messages the conversation, oldest first; at least one message
   * @param model the model, or null for the provider's default
   * @param temperature sampling temperature in [0, 2], or null for the provider's default
   * @param maxOutputTokens the most tokens to generate (at least 1), or null for the default
   * @throws IllegalArgumentException when a value is out of range
   */
  public static ChatRequest of(
      List<ChatMessage> messages,
      @Nullable String model,
      @Nullable Double temperature,
      @Nullable Integer maxOutputTokens) {
    Builder b = builder(messages);
    if (model != null) {
      b.model(model);
    }
    if (temperature != null) {
      b.temperature(temperature);
    }
    if (maxOutputTokens != null) {
      b.maxOutputTokens(maxOutputTokens);
    }
    return b.build();
  }

  /**
   * A builder for a request on these messages.
   *
   * @throws IllegalArgumentException when {@code messages} is empty
   */
  public static Builder builder(List<ChatMessage> messages) {
    return new Builder(messages);
  }

  /** A builder holding this request's values, to derive a variant (options may not be reset). */
  public Builder toBuilder() {
    Builder b = new Builder(messages);
    b.model = model;
    b.temperature = temperature;
    b.maxOutputTokens = maxOutputTokens;
    b.seed = seed;
    b.stopSequences = stopSequences;
    b.jsonSchema = jsonSchema;
    b.derived = true;
    return b;
  }

  /** The conversation, oldest first; never empty. */
  public List<ChatMessage> messages() {
    return messages;
  }

  /** The model to use, or null for the provider's configured default. */
  public @Nullable String model() {
    return model;
  }

  /** Sampling temperature, or null for the provider's default. */
  public @Nullable Double temperature() {
    return temperature;
  }

  /** The most tokens to generate, or null for the provider's default. */
  public @Nullable Integer maxOutputTokens() {
    return maxOutputTokens;
  }

  /** A sampling seed for reproducible answers where the provider supports one, or null. */
  public @Nullable Long seed() {
    return seed;
  }

  /** Texts that end generation when produced; empty for none. */
  public List<String> stopSequences() {
    return stopSequences;
  }

  /**
   * The JSON schema the answer must follow (structured output), or null for free text. A provider
   * whose API cannot enforce a schema fails with {@link LlmException.Kind#INVALID_REQUEST} saying
   * so.
   */
  public @Nullable JsonSchema jsonSchema() {
    return jsonSchema;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChatRequest r
        && messages.equals(r.messages)
        && Objects.equals(model, r.model)
        && Objects.equals(temperature, r.temperature)
        && Objects.equals(maxOutputTokens, r.maxOutputTokens)
        && Objects.equals(seed, r.seed)
        && stopSequences.equals(r.stopSequences)
        && Objects.equals(jsonSchema, r.jsonSchema);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        messages, model, temperature, maxOutputTokens, seed, stopSequences, jsonSchema);
  }

  /** Does not print the messages: they may hold private text. */
  @Override
  public String toString() {
    return "ChatRequest[messages="
        + messages.size()
        + ", model="
        + model
        + ", temperature="
        + temperature
        + ", maxOutputTokens="
        + maxOutputTokens
        + ", seed="
        + seed
        + ", stopSequences="
        + stopSequences.size()
        + ", jsonSchema="
        + (jsonSchema == null ? null : jsonSchema.name())
        + "]";
  }

  /**
   * Configures a {@link ChatRequest}. Setters validate at once and throw {@link
   * IllegalArgumentException} on a bad value, or {@link IllegalStateException} when an option is
   * set twice. Not thread-safe.
   */
  public static final class Builder {
    private final List<ChatMessage> messages;
    private @Nullable String model;
    private @Nullable Double temperature;
    private @Nullable Integer maxOutputTokens;
    private @Nullable Long seed;
    private List<String> stopSequences = List.of();
    private @Nullable JsonSchema jsonSchema;

    /** A builder from {@link ChatRequest#toBuilder()} may override the options it copied. */
    private boolean derived;

    private Builder(List<ChatMessage> messages) {
      Objects.requireNonNull(messages, "messages");
      this.messages = List.copyOf(messages);
      if (this.messages.isEmpty()) {
        throw new IllegalArgumentException("a chat request needs at least one message");
      }
    }

    /** The model to use instead of the provider's default. */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      once(this.model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model;
      return this;
    }

    /** Sampling temperature in [0, 2]. */
    public Builder temperature(double temperature) {
      once(this.temperature, "temperature");
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /** The most tokens to generate, at least 1. */
    public Builder maxOutputTokens(int maxOutputTokens) {
      once(this.maxOutputTokens, "maxOutputTokens");
      if (maxOutputTokens < 1) {
        throw new IllegalArgumentException("maxOutputTokens must be >= 1, got " + maxOutputTokens);
      }
      this.maxOutputTokens = maxOutputTokens;
      return this;
    }

    /** A sampling seed, for reproducible answers where the provider supports one. */
    public Builder seed(long seed) {
      once(this.seed, "seed");
      this.seed = seed;
      return this;
    }

    /** Texts that end generation; none may be empty. */
    public Builder stopSequences(List<String> stopSequences) {
      Objects.requireNonNull(stopSequences, "stopSequences");
      if (!this.stopSequences.isEmpty() && !derived) {
        throw new IllegalStateException("stopSequences was already set to " + this.stopSequences);
      }
      List<String> copy = new ArrayList<>(stopSequences.size());
      for (String s : stopSequences) {
        Objects.requireNonNull(s, "stop sequence");
        if (s.isEmpty()) {
          throw new IllegalArgumentException("a stop sequence must not be empty");
        }
        copy.add(s);
      }
      this.stopSequences = List.copyOf(copy);
      return this;
    }

    /** The JSON schema the answer must follow (structured output). */
    public Builder jsonSchema(JsonSchema jsonSchema) {
      Objects.requireNonNull(jsonSchema, "jsonSchema");
      once(this.jsonSchema, "jsonSchema");
      this.jsonSchema = jsonSchema;
      return this;
    }

    /** The immutable request. */
    public ChatRequest build() {
      return new ChatRequest(this);
    }

    private void once(@Nullable Object current, String name) {
      if (current != null && !derived) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }
  }
}
