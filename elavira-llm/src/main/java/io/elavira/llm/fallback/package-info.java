/**
 * {@link io.elavira.llm.fallback.FallbackProvider}: an ordered chain of providers with a circuit
 * breaker each (resilience4j), that moves to the next provider on a retriable failure before the
 * first token, reports a non-retriable one at once, never splices two models' text, and records
 * every attempt; and {@link io.elavira.llm.fallback.LlmAgentComponents}, which builds the chains
 * and consensus of agent configurations for an {@link io.elavira.agent.AgentRegistry}.
 */
@NullMarked
package io.elavira.llm.fallback;

import org.jspecify.annotations.NullMarked;
