package io.elavira.internal;

import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.JsonSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The key of a response cache entry: the SHA-256 (hex) of every field that can change the answer,
 * each length-prefixed so that no two different requests serialize alike. The prompt cannot be read
 * back from it. Stateless.
 */
final class ResponseCacheKey {
  /** Changes when the fields below change, so old entries are never read with a new meaning. */
  private static final String VERSION = "elavira-response-cache-v1";

  private ResponseCacheKey() {}

  /**
   * The key.
   *
   * @param userId the user when the prompt holds private context, null when it may be shared
   * @param documentGeneration the last sequence of the agent's document change log
   */
  static String of(
      String agentId,
      String provider,
      String model,
      @Nullable String userId,
      long documentGeneration,
      ChatRequest request) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    update(digest, VERSION);
    update(digest, agentId);
    update(digest, provider);
    update(digest, model);
    update(digest, userId == null ? "shared" : "user:" + userId);
    update(digest, Long.toString(documentGeneration));
    update(digest, String.valueOf(request.temperature()));
    update(digest, String.valueOf(request.maxOutputTokens()));
    update(digest, String.valueOf(request.seed()));
    update(digest, Integer.toString(request.stopSequences().size()));
    request.stopSequences().forEach(s -> update(digest, s));
    JsonSchema schema = request.jsonSchema();
    update(digest, schema == null ? "-" : "schema:" + schema.name());
    update(digest, schema == null ? "-" : schema.schema());
    update(digest, Integer.toString(request.messages().size()));
    for (ChatMessage m : request.messages()) {
      update(digest, m.role().name());
      update(digest, m.content());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    digest.update(bytes);
  }
}
