/**
 * StreamerAssistant: a FAQ assistant for a live stream's chat. {@link
 * io.elavira.examples.apps.streamer.FaqKnowledgeBase} turns a JSON or YAML file of question/answer
 * pairs into one passage per pair; {@link io.elavira.examples.apps.streamer.StreamerAssistant}
 * answers each viewer session with its own memory, validates and bounds every message, and records
 * feedback; {@link io.elavira.examples.apps.streamer.StreamerServer} serves it over a minimal local
 * HTTP API with {@code /health} and the model's status. Example code: small and documented, not a
 * stable API.
 */
@NullMarked
package io.elavira.examples.apps.streamer;

import org.jspecify.annotations.NullMarked;
