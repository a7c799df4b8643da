/**
 * The reference server: an Elavira agent behind a REST + JSON API with streaming (server-sent
 * events), JWT authentication, per-user isolation, rate limiting and a small web UI, to copy from
 * when a host application needs one. {@link io.elavira.examples.server.ElaviraServer} is the only
 * public type; the handlers, tokens and limits are package-private. {@code elavira serve} starts
 * it; docs/server.md describes the API and the security model.
 */
@NullMarked
package io.elavira.examples.server;

import org.jspecify.annotations.NullMarked;
