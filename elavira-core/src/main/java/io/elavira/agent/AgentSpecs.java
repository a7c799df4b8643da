package io.elavira.agent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.elavira.embed.EmbeddingModels;
import io.elavira.llm.LlmProviders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes agent configurations as JSON or YAML ({@code docs/config-example.json} and
 * {@code docs/config-example.yaml} show every field).
 *
 * <p>Reading is strict: a field the format does not know is refused, naming it and the file, and so
 * is a secret written in the file (a field such as {@code apiKey}, {@code token} or {@code
 * password}, or a value shaped like an API key): keys belong in environment variables, named by
 * {@code apiKeyEnv}. Stateless and thread-safe.
 */
public final class AgentSpecs {
  /** Field names that hold a secret, lower case without {@code -} and {@code _}. */
  private static final Set<String> SECRET_FIELDS =
      Set.of(
          "apikey",
          "key",
          "secret",
          "secretkey",
          "token",
          "accesstoken",
          "password",
          "authorization",
          "bearer");

  /** Values shaped like the API keys of the usual providers. */
  private static final Pattern KEY_VALUE =
      Pattern.compile("(sk-|sk_|xai-|AIza|ghp_|hf_|gsk_)[A-Za-z0-9_\\-]{16,}");

  private static final ObjectMapper JSON = configure(new ObjectMapper());
  private static final ObjectMapper YAML =
      configure(
          new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build()));

  private AgentSpecs() {}

  /**
   * Reads a configuration file: YAML when its name ends in {@code .yaml} or {@code .yml}, JSON when
   * it ends in {@code .json}.
   *
   * @throws AgentConfigException naming the file when it cannot be read, has another extension,
   *     holds an unknown field, a secret or an invalid value
   */
  public static AgentSpec read(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    ObjectMapper mapper;
    if (lower.endsWith(".json")) {
      mapper = JSON;
    } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      mapper = YAML;
    } else {
      throw new AgentConfigException(
          file + ": an agent configuration must be a .json, .yaml or .yml file");
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AgentConfigException(file + ": no such file", e);
    } catch (IOException e) {
      throw new AgentConfigException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    return parse(mapper, text, file.toString());
  }

  /**
   * Parses a configuration written in JSON.
   *
   * @param source what the text is (a file name, "agent x in the database"), for messages
   * @throws AgentConfigException as {@link #read(Path)} does
   */
  public static AgentSpec fromJson(String json, String source) {
    return parse(JSON, json, source);
  }

  /**
   * Parses a configuration written in YAML (or JSON, which YAML reads too).
   *
   * @param source what the text is, for messages
   * @throws AgentConfigException as {@link #read(Path)} does
   */
  public static AgentSpec fromYaml(String yaml, String source) {
    return parse(YAML, yaml, source);
  }

  /**
   * Checks that a module on the class path provides every provider (workers and merger included)
   * and the embedding model {@code spec} names, through {@link LlmProviders#load()} and {@link
   * EmbeddingModels#load()}.
   *
   * @return {@code spec}
   * @throws IllegalArgumentException naming the missing component and the Maven artifact to add
   */
  public static AgentSpec requireModules(AgentSpec spec) {
    List<ProviderSpec> named = new ArrayList<>(spec.providers());
    ConsensusSpec consensus = spec.consensus();
    if (consensus != null) {
      named.addAll(consensus.workers());
      ProviderSpec merger = consensus.merger();
      if (merger != null) {
        named.add(merger);
      }
    }
    LlmProviders providers = LlmProviders.load();
    for (ProviderSpec p : named) {
      providers.factory(p.name());
    }
    EmbeddingModels.load().factory(spec.embeddingModel());
    return spec;
  }

  /** The configuration as indented JSON, every field written (no secret: there is none). */
  public static String toJson(AgentSpec spec) {
    return write(JSON, spec);
  }

  /** The configuration as YAML, every field written. */
  public static String toYaml(AgentSpec spec) {
    return write(YAML, spec);
  }

  private static String write(ObjectMapper mapper, AgentSpec spec) {
    try {
      return mapper.writeValueAsString(AgentFile.of(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write agent " + spec.id(), e);
    }
  }

  private static AgentSpec parse(ObjectMapper mapper, String text, String source) {
    JsonNode tree;
    try {
      tree = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AgentConfigException(
          source + ": not valid " + format(mapper) + " (" + e.getOriginalMessage() + ")", e);
    }
    if (tree == null || !tree.isObject()) {
      throw new AgentConfigException(
          source + ": an agent configuration must be an object with at least an \"id\"");
    }
    refuseSecrets(tree, "", source);
    AgentFile file;
    try {
      file = mapper.treeToValue(tree, AgentFile.class);
    } catch (UnrecognizedPropertyException e) {
      Object[] known =
          e.getKnownPropertyIds() == null ? new Object[0] : e.getKnownPropertyIds().toArray();
      throw new AgentConfigException(
          source
              + ": unknown field '"
              + path(e.getPath())
              + "'; known fields here: "
              + java.util.Arrays.stream(known)
                  .map(String::valueOf)
                  .sorted()
                  .collect(Collectors.joining(", ")),
          e);
    } catch (JsonProcessingException e) {
      throw new AgentConfigException(
          source
              + ": invalid value of field '"
              + path(e instanceof JsonMappingException m ? m.getPath() : java.util.List.of())
              + "' ("
              + e.getOriginalMessage()
              + ")",
          e);
    }
    try {
      return file.toSpec();
    } catch (IllegalArgumentException e) {
      throw new AgentConfigException(source + ": " + e.getMessage(), e);
    }
  }

  /** Refuses a secret field or key-shaped value anywhere in the tree, naming where. */
  private static void refuseSecrets(JsonNode node, String where, String source) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String path = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
        String normalised =
            field.getKey().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (SECRET_FIELDS.contains(normalised)) {
          throw new AgentConfigException(
              source
                  + ": field '"
                  + path
                  + "' would hold a secret in the file; refused. Put the key in an environment"
                  + " variable and name that variable with apiKeyEnv (e.g. apiKeyEnv:"
                  + " OPENAI_API_KEY)");
        }
        refuseSecrets(field.getValue(), path, source);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseSecrets(node.get(i), where + "[" + i + "]", source);
      }
    } else if (node.isTextual() && KEY_VALUE.matcher(node.asText().trim()).matches()) {
      throw new AgentConfigException(
          source
              + ": field '"
              + where
              + "' holds what looks like an API key; refused. Put the key in an environment"
              + " variable and name that variable with apiKeyEnv");
    }
  }

  private static String path(java.util.List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        b.append('[').append(ref.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String format(ObjectMapper mapper) {
    return mapper == YAML ? "YAML" : "JSON";
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }
}
