package io.elavira.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elavira.agent.Route;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Not API. The {@code messages.route} column: a {@link Route} as {@code {"agent", "retrieval",
 * "chain", "reasons"}}, the shape the CLI's {@code --json} prints; NULL for an unrouted message.
 * Stateless.
 */
final class RouteJson {
  private RouteJson() {}

  static @Nullable String write(@Nullable Route route) {
    if (route == null) {
      return null;
    }
    ObjectNode node = AttemptsJson.mapper().createObjectNode();
    node.put("agent", route.agentId());
    node.put("retrieval", route.retrieval());
    node.put("chain", route.chain().name());
    ArrayNode reasons = node.putArray("reasons");
    route.reasons().forEach(reasons::add);
    return node.toString();
  }

  static @Nullable Route read(@Nullable String json, long messageId) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode node = AttemptsJson.mapper().readTree(json);
      List<String> reasons = new ArrayList<>();
      node.path("reasons").forEach(r -> reasons.add(r.asText()));
      return new Route(
          node.path("agent").asText(),
          node.path("retrieval").asBoolean(),
          Route.Chain.valueOf(node.path("chain").asText()),
          reasons);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw AttemptsJson.unreadable("route", messageId, e);
    }
  }
}
