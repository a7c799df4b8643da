package io.elavira.examples.cli;

import io.elavira.ElaviraAgent;
import io.elavira.ingest.IngestListener;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one command needs for an agent home: the in-process embedding model, the language
 * model when one is reachable, and the agent. Closed once, at the end of the command.
 */
final class AgentSession implements AutoCloseable {

  /**
   * Largest chunk in embedding-model word pieces. The model reads at most 256 word pieces per text
   * (and truncates the rest); 200 leaves room for the overlap and the special tokens.
   */
  static final int CHUNK_MAX_TOKENS = 200;
  /** Word pieces repeated from the end of one chunk at the start of the next. */
  static final int CHUNK_OVERLAP_TOKENS = 30;

  private final OnnxEmbeddingModel embeddings;
  private final LlmProvider llm;
  private final ElaviraAgent agent;
  private final Duration openTime;

  private AgentSession(
      OnnxEmbeddingModel embeddings, LlmProvider llm, ElaviraAgent agent, Duration openTime) {
    this.embeddings = embeddings;
    this.llm = llm;
    this.agent = agent;
    this.openTime = openTime;
  }

  /**
   * Loads the embedding model, checks the language model and opens the agent stored in
   * {@code home}.
   *
   * @param home agent home (created if missing)
   * @param llmOptions which language model to use; null means none (extractive answers)
   * @param err where the notice about extractive mode goes
   * @throws io.elavira.ElaviraException when the model or the database cannot be opened
   */
  static AgentSession open(Path home, LlmOptions llmOptions, PrintWriter err) {
    long start = System.nanoTime();
    OnnxEmbeddingModel embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
    LlmProvider llm = null;
    try {
      llm = llmOptions == null ? null : llmOptions.connect(err);
      var builder = ElaviraAgent.builder().home(home).embeddings(embeddings);
      if (llm != null) {
        builder = builder.llm(llm);
      }
      ElaviraAgent agent = builder.build();
      return new AgentSession(
          embeddings, llm, agent, Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException | Error e) {
      if (llm != null) {
        llm.close();
      }
      embeddings.close();
      throw e;
    }
  }

  /** The agent. */
  ElaviraAgent agent() {
    return agent;
  }

  /**
   * Prints a hint on {@code err} when the agent has no document yet: answers would find nothing.
   */
  void hintWhenEmpty(Path home, PrintWriter err) {
    if (agent.documents().isEmpty()) {
      err.println("No documents in " + home + " yet: add some with `elavira ingest --home " + home
          + " PATH...`.");
      err.flush();
    }
  }

  /** Whether a language model is wired (answers may be generated). */
  boolean hasLlm() {
    return llm != null;
  }

  /** How long loading the model, checking the LLM and opening the agent took. */
  Duration openTime() {
    return openTime;
  }

  /**
   * An ingestion pipeline writing to this agent, with chunks sized in the embedding model's own
   * word pieces so that no chunk is truncated when embedded.
   */
  IngestionPipeline pipeline(IngestListener listener) {
    RecursiveChunker chunker =
        RecursiveChunker.builder()
            .maxTokens(CHUNK_MAX_TOKENS)
            .overlapTokens(CHUNK_OVERLAP_TOKENS)
            .tokenCounter(embeddings.tokenCounter())
            .build();
    return IngestionPipeline.builder().indexer(agent).chunker(chunker).listener(listener).build();
  }

  @Override
  public void close() {
    try {
      agent.close();
    } finally {
      try {
        if (llm != null) {
          llm.close();
        }
      } finally {
        embeddings.close();
      }
    }
  }
}
