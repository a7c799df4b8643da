package io.elavira.internal;

import io.elavira.AnswerMode;
import io.elavira.Source;
import io.elavira.llm.TokenUsage;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What answered a question and how: the chain's result before it becomes an {@link
 * io.elavira.Answer}.
 *
 * @param reason why the reply is extractive, null when generated
 */
record Reply(
    String text,
    AnswerMode mode,
    @Nullable String reason,
    List<Source> sources,
    String provider,
    String model,
    TokenUsage usage) {

  Reply {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mode, "mode");
    sources = List.copyOf(sources);
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(usage, "usage");
  }

  /** Does not print the text: it may quote private documents. */
  @Override
  public String toString() {
    return "Reply[" + mode + ", provider=" + provider + ", chars=" + text.length() + "]";
  }
}
