package io.elavira.embed;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A two-dimensional embedding model for tests of how texts are batched: each text becomes {@code
 * {1, length}}, and each {@code embedAll} call is recorded with its size and thread. Shared through
 * core's test-jar. Thread-safe.
 */
public final class RecordingEmbeddingModel implements EmbeddingModel {
  /** The number of texts of each {@code embedAll} call, in order. */
  public final List<Integer> calls = new CopyOnWriteArrayList<>();

  /** The thread of each {@code embedAll} call, in order. */
  public final List<String> threads = new CopyOnWriteArrayList<>();

  /** The call (1-based, counted in {@link #calls}) that fails; -1 for none. */
  public volatile int failAt = -1;

  @Override
  public String modelId() {
    return "recording";
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    calls.add(texts.size());
    threads.add(Thread.currentThread().getName());
    if (calls.size() == failAt) {
      throw new IllegalStateException("model stopped");
    }
    return texts.stream().map(t -> new float[] {1, t.length()}).toList();
  }
}
