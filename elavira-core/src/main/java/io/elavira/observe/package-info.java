/**
 * What happens while an agent answers, for the host to watch: an {@link
 * io.elavira.observe.ElaviraListener} registered on the agent's builder receives one immutable
 * event per stage of a request (route, guard, retrieval, response cache, each provider attempt,
 * fallback, consensus, the answer), each with its trace id and its timing. Events carry ids, names,
 * counts and durations, never the question, the prompt, retrieved text or the answer.
 */
@NullMarked
package io.elavira.observe;

import org.jspecify.annotations.NullMarked;
