package io.elavira.ingest.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a JSON/YAML tree as readable lines, {@code path: value}: nested keys joined with dots,
 * arrays of scalars as one comma-separated value, array items as {@code [i]}. An array of records
 * (objects), at the root or under a top-level key, gives one block per record so each record stays
 * whole in its chunk. Stateless.
 */
final class TreeRenderer {
  private TreeRenderer() {}

  static List<Block> blocks(JsonNode root) {
    List<Block> blocks = new ArrayList<>();
    if (isRecords(root)) {
      records(root, null, blocks);
      return blocks;
    }
    if (root.isObject()) {
      List<String> loose = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : root.properties()) {
        if (isRecords(field.getValue())) {
          add(blocks, loose, null);
          loose.clear();
          records(field.getValue(), field.getKey(), blocks);
        } else {
          lines(field.getValue(), field.getKey(), loose);
        }
      }
      add(blocks, loose, null);
      return blocks;
    }
    List<String> lines = new ArrayList<>();
    lines(root, "", lines);
    add(blocks, lines, null);
    return blocks;
  }

  private static boolean isRecords(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      return false;
    }
    for (JsonNode item : node) {
      if (!item.isObject()) {
        return false;
      }
    }
    return true;
  }

  private static void records(JsonNode array, @Nullable String section, List<Block> blocks) {
    for (JsonNode record : array) {
      List<String> lines = new ArrayList<>();
      lines(record, "", lines);
      add(blocks, lines, section);
    }
  }

  private static void add(List<Block> blocks, List<String> lines, @Nullable String section) {
    String text = String.join("\n", lines).strip();
    if (!text.isEmpty()) {
      blocks.add(new Block(BlockType.PARAGRAPH, text, section, null));
    }
  }

  private static void lines(JsonNode node, String path, List<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        lines(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out);
      }
    } else if (node.isArray()) {
      if (allScalars(node)) {
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(scalar(item)));
        if (!values.isEmpty()) {
          out.add(line(path, String.join(", ", values)));
        }
      } else {
        for (int i = 0; i < node.size(); i++) {
          lines(node.get(i), path + "[" + i + "]", out);
        }
      }
    } else if (!node.isNull() && !node.isMissingNode()) {
      String value = scalar(node);
      if (!value.isBlank()) {
        out.add(line(path, value));
      }
    }
  }

  private static String line(String path, String value) {
    return path.isEmpty() ? value : path + ": " + value;
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode item : array) {
      if (item.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  private static String scalar(JsonNode node) {
    return node.isTextual() ? node.textValue().strip() : node.asText();
  }
}
