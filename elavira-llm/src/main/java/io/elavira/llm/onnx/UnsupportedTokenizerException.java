package io.elavira.llm.onnx;

import io.elavira.ElaviraException;

/**
 * Thrown when a model's {@code tokenizer.json} uses a tokenizer {@link OnnxEmbeddingModel} cannot
 * run: it reads BERT-style WordPiece tokenizers only (all-MiniLM, e5-small-v2, BGE, GTE).
 * SentencePiece ({@code Unigram}) tokenizers, used by XLM-R based multilingual models such as
 * multilingual-e5-small and paraphrase-multilingual-MiniLM-L12-v2, and byte-level BPE ones are
 * refused rather than run with wrong ids.
 */
public final class UnsupportedTokenizerException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  /** The tokenizer file (absolute path, or classpath resource). */
  private final String file;

  /** The {@code tokenizer.json} field that is not supported, e.g. {@code model.type}. */
  private final String field;

  /** Its value, e.g. {@code Unigram}. */
  private final String type;

  /**
   * Creates the error.
   *
   * @param file the tokenizer file
   * @param field the field that is not supported, e.g. {@code model.type}
   * @param type its value, e.g. {@code Unigram}
   */
  public UnsupportedTokenizerException(String file, String field, String type) {
    super(
        "tokenizer file "
            + file
            + ": "
            + field
            + " '"
            + type
            + "' is not supported"
            + ("Unigram".equals(type)
                ? " (a SentencePiece tokenizer, as XLM-R based multilingual models use)"
                : "")
            + "; OnnxEmbeddingModel reads BERT-style WordPiece tokenizers only (BertNormalizer,"
            + " BertPreTokenizer): choose a model with a WordPiece tokenizer.json, such as"
            + " e5-small-v2 or all-MiniLM-L6-v2");
    this.file = file;
    this.field = field;
    this.type = type;
  }

  /** The tokenizer file (absolute path, or classpath resource). */
  public String file() {
    return file;
  }

  /** The {@code tokenizer.json} field that is not supported, e.g. {@code model.type}. */
  public String field() {
    return field;
  }

  /** The value found, e.g. {@code Unigram} for a SentencePiece tokenizer. */
  public String tokenizerType() {
    return type;
  }
}
