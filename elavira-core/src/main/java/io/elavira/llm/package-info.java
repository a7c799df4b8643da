/**
 * The language-model SPI: {@link io.elavira.llm.LlmProvider}, its messages, requests, responses and
 * typed errors. Providers live in {@code elavira-llm}; decorators that need only the SPI (fallback,
 * consensus, cache) live here.
 */
@NullMarked
package io.elavira.llm;

import org.jspecify.annotations.NullMarked;
