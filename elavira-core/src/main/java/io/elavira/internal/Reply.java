package io.elavira.internal;

import io.elavira.AnswerMode;
import io.elavira.Source;
import io.elavira.llm.Attempt;
import io.elavira.llm.TokenUsage;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What answered a question and how: the chain's result before it becomes an {@link
 * io.elavira.Answer}.
 *
 * @param reason why the reply is extractive or partial, null when generated whole
 * @param attempts the providers tried, in order
 * @param partial whether the text stops where the provider failed mid-stream
 */
record Reply(
    String text,
    AnswerMode mode,
    @Nullable String reason,
    List<Source> sources,
    String provider,
    String model,
    TokenUsage usage,
    List<Attempt> attempts,
    boolean partial) {

  Reply {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mode, "mode");
    sources = List.copyOf(sources);
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
    attempts = List.copyOf(attempts);
  }

  /** Does not print the text: it may quote private documents. */
  @Override
  public String toString() {
    return "Reply[" + mode + ", provider=" + provider + ", chars=" + text.length() + "]";
  }
}
