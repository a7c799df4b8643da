package io.elavira.bench;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import java.util.Locale;

/**
 * Shows what each library's all-MiniLM-L6-v2 int8 model sees of a text longer than 128 word pieces:
 * a passage whose last sentence (word pieces ~127 to ~150) holds the answer, embedded whole and
 * without that sentence, and a question about that sentence.
 *
 * <p>If the two embeddings of the passage are identical, the model never read the last sentence, so
 * no question about it can find the passage. Run: {@code java -cp
 * elavira-bench/target/benchmarks.jar io.elavira.bench.TruncationCheck}.
 */
public final class TruncationCheck {
  private TruncationCheck() {}

  /** Prints the similarities for both libraries. */
  public static void main(String[] args) {
    StringBuilder head = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      head.append("The rental company lists rule number ").append(i).append(" here. ");
    }
    String tail =
        "Finally, pets such as dogs and cats are strictly forbidden inside the vehicles,"
            + " and smoking costs a 500 euro fine.";
    String passage = head + tail;
    String question = "Are pets allowed in the car?";
    AllMiniLmL6V2QuantizedEmbeddingModel langchain4j = new AllMiniLmL6V2QuantizedEmbeddingModel();
    try (OnnxEmbeddingModel elavira = OnnxEmbeddingModel.allMiniLmL6V2()) {
      System.out.printf(
          Locale.ROOT,
          "passage: %d word pieces; its last sentence starts at %d%n",
          elavira.tokenCounter().count(passage),
          elavira.tokenCounter().count(head.toString()));
      System.out.println(
          "| library | cos(passage, passage without its last sentence)"
              + " | cos(question about the last sentence, passage) |");
      System.out.println("|---|---:|---:|");
      System.out.printf(
          Locale.ROOT,
          "| LangChain4j | %.4f | %.4f |%n",
          cosine(vector(langchain4j, passage), vector(langchain4j, head.toString())),
          cosine(vector(langchain4j, question), vector(langchain4j, passage)));
      System.out.printf(
          Locale.ROOT,
          "| Elavira | %.4f | %.4f |%n",
          cosine(elavira.embed(passage), elavira.embed(head.toString())),
          cosine(elavira.embed(question), elavira.embed(passage)));
    }
  }

  private static float[] vector(AllMiniLmL6V2QuantizedEmbeddingModel model, String text) {
    return model.embed(text).content().vector();
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
