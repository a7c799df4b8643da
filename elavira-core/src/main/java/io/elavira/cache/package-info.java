/**
 * The response cache of an agent's request chain: answers of the language model kept by (agent,
 * provider, model, parameters, full prompt), in memory (Caffeine) and in the home's SQLite database
 * (shared by every process on the home). {@link io.elavira.cache.ResponseCachePolicy} configures it
 * on the agent's builder; the engine is in {@code io.elavira.internal}.
 */
@NullMarked
package io.elavira.cache;

import org.jspecify.annotations.NullMarked;
