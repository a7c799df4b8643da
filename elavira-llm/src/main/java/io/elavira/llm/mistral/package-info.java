/**
 * Mistral AI's API: {@link io.elavira.llm.mistral.MistralProvider} for chat and SSE streaming over
 * {@code /chat/completions} (OpenAI-like, with {@code safe_prompt} and {@code random_seed}).
 */
@NullMarked
package io.elavira.llm.mistral;

import org.jspecify.annotations.NullMarked;
