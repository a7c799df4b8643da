package io.elavira;

import io.elavira.embed.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic embedding model for tests: a hashed bag of words (lower-cased, accents kept),
 * L2-normalised. Texts sharing words score high; it counts what it embeds and can be made to fail.
 */
final class FakeEmbeddingModel implements EmbeddingModel {
  static final int DIMENSION = 256;

  private final AtomicInteger embeddedTexts = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger callsLeft = new AtomicInteger(Integer.MAX_VALUE);

  @Override
  public String modelId() {
    return "fake-bow-" + DIMENSION;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (failing.get() || callsLeft.getAndDecrement() <= 0) {
      throw new ElaviraException("fake embedding model is down");
    }
    embeddedTexts.addAndGet(texts.size());
    calls.incrementAndGet();
    List<float[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(vector(text));
    }
    return out;
  }

  static float[] vector(String text) {
    float[] v = new float[DIMENSION];
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (word.length() > 2) { // skip short function words so they do not dominate
        v[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      v[0] = 1;
      return v;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  /** How many texts were embedded so far. */
  /** How many embedAll calls embedded something. */
  int calls() {
    return calls.get();
  }

  int embeddedTexts() {
    return embeddedTexts.get();
  }

  void failing(boolean fail) {
    failing.set(fail);
    callsLeft.set(Integer.MAX_VALUE);
  }

  /** Embeds in the next {@code calls} calls of embedAll, then fails (an interrupted run). */
  void failAfterCalls(int calls) {
    callsLeft.set(calls);
  }

  boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
