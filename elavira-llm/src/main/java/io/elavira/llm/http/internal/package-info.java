/**
 * Not API: the HTTP layer every HTTP provider of elavira-llm shares (one OkHttp client per
 * configuration, timeouts, retries with backoff through resilience4j, HTTP errors mapped to {@link
 * io.elavira.llm.LlmException.Kind}, bounded reads, SSE and NDJSON streams, masked API keys). May
 * change in any release.
 */
@NullMarked
package io.elavira.llm.http.internal;

import org.jspecify.annotations.NullMarked;
