package io.elavira.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Route} as stored with its answer ({@code messages.route}): {@code {"agent", "retrieval",
 * "chain", "reasons"}}. Stateless. Not API.
 */
final class RouteJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RouteJson() {}

  static String write(Route route) {
    ObjectNode node = JSON.createObjectNode();
    node.put("agent", route.agentId());
    node.put("retrieval", route.retrieval());
    node.put("chain", route.chain().name());
    ArrayNode reasons = node.putArray("reasons");
    route.reasons().forEach(reasons::add);
    return node.toString();
  }

  static Route read(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      List<String> reasons = new ArrayList<>();
      node.path("reasons").forEach(r -> reasons.add(r.asText()));
      return new Route(
          node.path("agent").asText(),
          node.path("retrieval").asBoolean(),
          Route.Chain.valueOf(node.path("chain").asText()),
          reasons);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new AgentConfigException("a stored route is not readable: " + e.getMessage(), e);
    }
  }
}
