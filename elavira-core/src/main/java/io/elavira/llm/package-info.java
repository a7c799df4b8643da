/**
 * The language-model SPI: {@link io.elavira.llm.LlmProvider}, its messages, requests, responses and
 * typed errors, the {@link io.elavira.llm.LlmProviderFactory} that finds a provider by the name a
 * configuration gives it, and the {@link io.elavira.llm.ModelCatalog} capability. Providers live in
 * {@code elavira-llm}; decorators that need only the SPI may live here.
 */
@NullMarked
package io.elavira.llm;

import org.jspecify.annotations.NullMarked;
