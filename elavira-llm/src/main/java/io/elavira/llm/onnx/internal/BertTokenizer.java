package io.elavira.llm.onnx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraException;
import io.elavira.llm.onnx.UnsupportedTokenizerException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A BERT WordPiece tokenizer read from a HuggingFace {@code tokenizer.json}, giving the same ids as
 * the HuggingFace {@code tokenizers} library for single sequences.
 *
 * <p>Supported: a {@code WordPiece} model; a {@code BertNormalizer} (or none); a {@code
 * BertPreTokenizer} (or none, meaning whitespace splitting only); a {@code TemplateProcessing} or
 * {@code BertProcessing} post-processor (or none); added tokens (such as {@code [SEP]} written in
 * the text) matched before normalisation. The file's own truncation and padding settings are
 * ignored: the caller chooses the maximum length and the encoder pads batches.
 *
 * <p>Immutable and thread-safe.
 */
public final class BertTokenizer {
  private final Map<String, Integer> vocab;
  private final @Nullable BertNormalizer normalizer;
  private final boolean bertPreTokenizer;
  private final int unkId;
  private final String continuingPrefix;
  private final int maxInputCharsPerWord;
  private final long[] prefixIds;
  private final long[] prefixTypeIds;
  private final long[] suffixIds;
  private final long[] suffixTypeIds;
  private final long sequenceTypeId;
  private final AddedTokens rawAddedTokens;
  private final AddedTokens normalizedAddedTokens;
  private final int declaredMaxLength;

  private BertTokenizer(JsonNode root, String source) {
    JsonNode model = root.path("model");
    String type = model.path("type").asText("");
    if (!"WordPiece".equals(type)) {
      throw unsupported(source, "model.type", type);
    }
    Map<String, Integer> v = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : model.path("vocab").properties()) {
      v.put(e.getKey(), e.getValue().asInt());
    }
    if (v.isEmpty()) {
      throw new ElaviraException("tokenizer file " + source + " has an empty model.vocab");
    }
    this.vocab = Map.copyOf(v);
    String unk = model.path("unk_token").asText("[UNK]");
    Integer unkIdOrNull = vocab.get(unk);
    if (unkIdOrNull == null) {
      throw new ElaviraException(
          "tokenizer file " + source + ": unk_token '" + unk + "' is not in the vocabulary");
    }
    this.unkId = unkIdOrNull;
    this.continuingPrefix = model.path("continuing_subword_prefix").asText("##");
    this.maxInputCharsPerWord = model.path("max_input_chars_per_word").asInt(100);

    JsonNode norm = root.path("normalizer");
    if (norm.isMissingNode() || norm.isNull()) {
      this.normalizer = null;
    } else if ("BertNormalizer".equals(norm.path("type").asText())) {
      boolean lower = norm.path("lowercase").asBoolean(true);
      JsonNode strip = norm.path("strip_accents");
      this.normalizer =
          new BertNormalizer(
              norm.path("clean_text").asBoolean(true),
              norm.path("handle_chinese_chars").asBoolean(true),
              strip.isBoolean() ? strip.asBoolean() : lower,
              lower);
    } else {
      throw unsupported(source, "normalizer.type", norm.path("type").asText());
    }

    JsonNode pre = root.path("pre_tokenizer");
    if (pre.isMissingNode() || pre.isNull()) {
      this.bertPreTokenizer = false;
    } else if ("BertPreTokenizer".equals(pre.path("type").asText())) {
      this.bertPreTokenizer = true;
    } else {
      throw unsupported(source, "pre_tokenizer.type", pre.path("type").asText());
    }

    List<long[]> prefix = new ArrayList<>();
    List<long[]> suffix = new ArrayList<>();
    long seqType = 0;
    JsonNode post = root.path("post_processor");
    String postType = post.path("type").asText("");
    if ("TemplateProcessing".equals(postType)) {
      boolean seenSequence = false;
      for (JsonNode piece : post.path("single")) {
        if (piece.has("Sequence")) {
          seenSequence = true;
          seqType = piece.path("Sequence").path("type_id").asLong(0);
        } else {
          JsonNode special = piece.path("SpecialToken");
          String id = special.path("id").asText();
          JsonNode ids = post.path("special_tokens").path(id).path("ids");
          if (!ids.isArray() || ids.isEmpty()) {
            throw new ElaviraException(
                "tokenizer file " + source + ": special token " + id + " has no ids");
          }
          for (JsonNode tokenId : ids) {
            long[] pair = {tokenId.asLong(), special.path("type_id").asLong(0)};
            (seenSequence ? suffix : prefix).add(pair);
          }
        }
      }
    } else if ("BertProcessing".equals(postType)) {
      prefix.add(new long[] {post.path("cls").path(1).asLong(), 0});
      suffix.add(new long[] {post.path("sep").path(1).asLong(), 0});
    } else if (!postType.isEmpty()) {
      throw unsupported(source, "post_processor.type", postType);
    }
    this.prefixIds = prefix.stream().mapToLong(p -> p[0]).toArray();
    this.prefixTypeIds = prefix.stream().mapToLong(p -> p[1]).toArray();
    this.suffixIds = suffix.stream().mapToLong(p -> p[0]).toArray();
    this.suffixTypeIds = suffix.stream().mapToLong(p -> p[1]).toArray();
    this.sequenceTypeId = seqType;

    List<AddedTokens.Token> raw = new ArrayList<>();
    List<AddedTokens.Token> normalized = new ArrayList<>();
    for (JsonNode t : root.path("added_tokens")) {
      AddedTokens.Token token =
          new AddedTokens.Token(
              t.path("content").asText(),
              t.path("id").asInt(),
              t.path("single_word").asBoolean(false),
              t.path("lstrip").asBoolean(false),
              t.path("rstrip").asBoolean(false));
      if (token.content().isEmpty()) {
        continue;
      }
      boolean isNormalized = t.path("normalized").asBoolean(!t.path("special").asBoolean(false));
      (isNormalized && normalizer != null ? normalized : raw).add(token);
    }
    this.rawAddedTokens = new AddedTokens(raw);
    this.normalizedAddedTokens = new AddedTokens(normalized);
    this.declaredMaxLength = root.path("truncation").path("max_length").asInt(0);
  }

  private static UnsupportedTokenizerException unsupported(
      String source, String field, String value) {
    return new UnsupportedTokenizerException(source, field, value);
  }

  /**
   * Reads a {@code tokenizer.json}.
   *
   * @param json the file's content; not closed
   * @param source the file name or resource, used in error messages
   * @throws UnsupportedTokenizerException when it is not a BERT-style WordPiece tokenizer
   * @throws ElaviraException when the file cannot be read
   */
  public static BertTokenizer read(InputStream json, String source) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new ElaviraException("cannot read tokenizer file " + source + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ElaviraException("tokenizer file " + source + " is not a JSON object");
    }
    return new BertTokenizer(root, source);
  }

  /**
   * The truncation length written in the file, or 0 when it sets none. Informative only: {@link
   * #encode} truncates to the length its caller asks for.
   */
  public int declaredMaxLength() {
    return declaredMaxLength;
  }

  /** The number of special tokens added around a single sequence ([CLS] and [SEP] for BERT). */
  public int specialTokenCount() {
    return prefixIds.length + suffixIds.length;
  }

  /**
   * Encodes one text with its special tokens, keeping at most {@code maxLength} ids in all (the
   * word pieces are cut at the end, the special tokens always stay).
   *
   * @throws IllegalArgumentException when maxLength leaves no room for a word piece
   */
  public Encoding encode(String text, int maxLength) {
    int room = maxLength - specialTokenCount();
    if (room < 1) {
      throw new IllegalArgumentException(
          "maxLength " + maxLength + " leaves no room next to the special tokens");
    }
    List<Integer> pieces = wordPieces(text, room);
    int n = prefixIds.length + pieces.size() + suffixIds.length;
    long[] ids = new long[n];
    long[] types = new long[n];
    int k = 0;
    for (int i = 0; i < prefixIds.length; i++, k++) {
      ids[k] = prefixIds[i];
      types[k] = prefixTypeIds[i];
    }
    for (int piece : pieces) {
      ids[k] = piece;
      types[k++] = sequenceTypeId;
    }
    for (int i = 0; i < suffixIds.length; i++, k++) {
      ids[k] = suffixIds[i];
      types[k] = suffixTypeIds[i];
    }
    return new Encoding(ids, types);
  }

  /** The number of word pieces in the text, without special tokens and without truncation. */
  public int count(String text) {
    return wordPieces(text, Integer.MAX_VALUE).size();
  }

  /** The word-piece ids of the text, at most {@code limit} of them. */
  List<Integer> wordPieces(String text, int limit) {
    Objects.requireNonNull(text, "text");
    List<Integer> out = new ArrayList<>();
    rawAddedTokens.split(
        text,
        (segment, addedId) -> {
          if (out.size() >= limit) {
            return;
          }
          if (addedId >= 0) {
            out.add(addedId);
            return;
          }
          String normalized = normalizer == null ? segment : normalizer.normalize(segment);
          normalizedAddedTokens.split(
              normalized,
              (part, id) -> {
                if (id >= 0) {
                  if (out.size() < limit) {
                    out.add(id);
                  }
                } else {
                  preTokenize(part, out, limit);
                }
              });
        });
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  /** Splits on whitespace (dropped) and punctuation (kept alone), then runs WordPiece per word. */
  private void preTokenize(String s, List<Integer> out, int limit) {
    int start = -1;
    int i = 0;
    while (i < s.length() && out.size() < limit) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (BertNormalizer.isWhitespace(cp)) {
        if (start >= 0) {
          wordPiece(s.substring(start, i), out);
          start = -1;
        }
      } else if (bertPreTokenizer && BertNormalizer.isPunctuation(cp)) {
        if (start >= 0) {
          wordPiece(s.substring(start, i), out);
          start = -1;
        }
        wordPiece(s.substring(i, next), out);
      } else if (start < 0) {
        start = i;
      }
      i = next;
    }
    if (start >= 0 && out.size() < limit) {
      wordPiece(s.substring(start), out);
    }
  }

  /** Greedy longest-match-first WordPiece; a word with an unknown piece becomes one [UNK]. */
  private void wordPiece(String word, List<Integer> out) {
    if (word.codePointCount(0, word.length()) > maxInputCharsPerWord) {
      out.add(unkId);
      return;
    }
    int mark = out.size();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer found = null;
      while (end > start) {
        String sub = word.substring(start, end);
        if (start > 0) {
          sub = continuingPrefix + sub;
        }
        found = vocab.get(sub);
        if (found != null) {
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (found == null) {
        out.subList(mark, out.size()).clear();
        out.add(unkId);
        return;
      }
      out.add(found);
      start = end;
    }
  }

  /**
   * The ids and token type ids of one encoded text (the attention mask is all ones).
   *
   * @param ids token ids, special tokens included
   * @param typeIds token type (segment) ids, same length
   */
  public record Encoding(long[] ids, long[] typeIds) {
    /** The number of tokens. */
    public int length() {
      return ids.length;
    }
  }
}
