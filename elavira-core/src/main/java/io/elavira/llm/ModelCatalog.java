package io.elavira.llm;

import java.util.List;

/**
 * A provider that can list the models it serves (Ollama's {@code /api/tags}, the {@code /models}
 * endpoint of OpenAI-style servers). An optional capability: check with {@code instanceof}.
 */
public interface ModelCatalog {

  /**
   * The identifiers of the models the provider serves now, as it names them, sorted.
   *
   * @throws LlmException when the provider cannot be asked (unreachable, bad key...)
   */
  List<String> models();
}
