/**
 * Many agents on one home: {@link io.elavira.agent.AgentSpec} is an agent's configuration (loaded
 * from JSON or YAML by {@link io.elavira.agent.AgentSpecs}, with secrets only as
 * environment-variable names), {@link io.elavira.agent.AgentRegistry} creates, updates and deletes
 * agents while they run and answers through the right one, and {@link io.elavira.agent.Router}
 * picks the agent and the route of each request (retrieval or not, local or remote chain),
 * recording why in {@link io.elavira.agent.Route}. Components named in a configuration come from
 * {@link io.elavira.agent.AgentComponents}, which the host supplies (the provider modules'
 * factories are found through {@link java.util.ServiceLoader}).
 */
@NullMarked
package io.elavira.agent;

import org.jspecify.annotations.NullMarked;
