/**
 * Anthropic Claude through the Messages API: {@link io.elavira.llm.claude.ClaudeProvider}, chat and
 * SSE streaming over {@code /v1/messages} (system prompt as a top-level field, {@code x-api-key},
 * {@code anthropic-version}). Wire DTOs and the event reader are package-private.
 */
@NullMarked
package io.elavira.llm.claude;

import org.jspecify.annotations.NullMarked;
