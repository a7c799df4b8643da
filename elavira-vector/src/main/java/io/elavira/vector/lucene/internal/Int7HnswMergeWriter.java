package io.elavira.vector.lucene.internal;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.KnnFieldVectorsWriter;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorsWriter;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.MergeState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Sorter;
import org.apache.lucene.index.VectorEncoding;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.hnsw.CloseableRandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.packed.DirectMonotonicWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes a merged segment of {@link Int7HnswVectorsFormat}: the vectors through the flat writer, as
 * Lucene does, and a graph built by {@link FlatHnswBuilder} instead of Lucene's concurrent builder,
 * in the files and layout of {@code Lucene99HnswVectorsWriter} (so {@link
 * Lucene99HnswVectorsReader} reads it). Like Lucene, a merge starts from the graph of its biggest
 * segment when that segment has no deletions, and inserts only the other vectors. Flushed segments
 * keep Lucene's writer: this one only merges. Not API.
 */
final class Int7HnswMergeWriter extends KnnVectorsWriter {
  // Lucene99HnswVectorsFormat's file names, codec names and version (package-private there).
  private static final String META_CODEC = "Lucene99HnswVectorsFormatMeta";
  private static final String INDEX_CODEC = "Lucene99HnswVectorsFormatIndex";
  private static final String META_EXTENSION = "vem";
  private static final String INDEX_EXTENSION = "vex";
  private static final int VERSION = 0;
  private static final int BLOCK_SHIFT = 16;

  private final int m;
  private final int beam;
  private final int workers;
  private final FlatVectorsWriter flat;
  private final IndexOutput meta;
  private final IndexOutput index;
  private boolean finished;

  Int7HnswMergeWriter(SegmentWriteState state, int m, int beam, int workers, FlatVectorsWriter flat)
      throws IOException {
    this.m = m;
    this.beam = beam;
    this.workers = workers;
    this.flat = flat;
    String segment = state.segmentInfo.name;
    IndexOutput metaOut = null;
    IndexOutput indexOut = null;
    boolean success = false;
    try {
      metaOut =
          state.directory.createOutput(
              IndexFileNames.segmentFileName(segment, state.segmentSuffix, META_EXTENSION),
              state.context);
      indexOut =
          state.directory.createOutput(
              IndexFileNames.segmentFileName(segment, state.segmentSuffix, INDEX_EXTENSION),
              state.context);
      byte[] id = state.segmentInfo.getId();
      CodecUtil.writeIndexHeader(metaOut, META_CODEC, VERSION, id, state.segmentSuffix);
      CodecUtil.writeIndexHeader(indexOut, INDEX_CODEC, VERSION, id, state.segmentSuffix);
      success = true;
    } finally {
      if (!success) {
        IOUtils.closeWhileHandlingException(metaOut, indexOut, flat);
      }
    }
    this.meta = metaOut;
    this.index = indexOut;
  }

  @Override
  public KnnFieldVectorsWriter<?> addField(FieldInfo fieldInfo) {
    throw new UnsupportedOperationException("this writer only merges segments");
  }

  @Override
  public void flush(int maxDoc, Sorter.@Nullable DocMap sortMap) {
    throw new UnsupportedOperationException("this writer only merges segments");
  }

  @Override
  public void mergeOneField(FieldInfo field, MergeState state) throws IOException {
    CloseableRandomVectorScorerSupplier scorers = flat.mergeOneFieldToIndex(field, state);
    boolean success = false;
    try {
      long start = index.getFilePointer();
      int count = scorers.totalVectorCount();
      FlatHnswGraph graph = null;
      int[][] offsets = new int[0][];
      if (count > 0) {
        graph =
            builder(field, state, scorers, count)
                .build(
                    state.intraMergeTaskExecutor == null
                        ? null
                        : new TaskExecutor(state.intraMergeTaskExecutor),
                    workers);
        offsets = writeGraph(graph);
      }
      writeMeta(field, start, index.getFilePointer() - start, count, graph, offsets);
      success = true;
    } finally {
      if (success) {
        IOUtils.close(scorers);
      } else {
        IOUtils.closeWhileHandlingException(scorers);
      }
    }
  }

  /**
   * A builder that starts from the graph of the biggest segment without deletions that has one, or
   * from scratch.
   */
  private FlatHnswBuilder builder(
      FieldInfo field, MergeState state, CloseableRandomVectorScorerSupplier scorers, int count)
      throws IOException {
    int best = -1;
    int bestSize = 0;
    HnswGraph existing = null;
    KnnVectorsReader source = null;
    for (int i = 0; i < state.knnVectorsReaders.length; i++) {
      KnnVectorsReader reader = fieldReader(state.knnVectorsReaders[i], field.name);
      if (reader instanceof HnswGraphProvider provider && noDeletions(state.liveDocs[i])) {
        int size = vectorCount(reader, field);
        HnswGraph graph = size > bestSize ? provider.getGraph(field.name) : null;
        if (graph != null && graph.size() == size) {
          best = i;
          bestSize = size;
          existing = graph;
          source = reader;
        }
      }
    }
    if (existing == null || source == null) {
      return FlatHnswBuilder.create(scorers, count, m, beam);
    }
    int[] oldToNew = renumbering(field, state, source, state.docMaps[best], bestSize);
    return FlatHnswBuilder.startingFrom(existing, oldToNew, scorers, count, m, beam);
  }

  private static @Nullable KnnVectorsReader fieldReader(
      @Nullable KnnVectorsReader reader, String field) {
    return reader instanceof PerFieldKnnVectorsFormat.FieldsReader perField
        ? perField.getFieldReader(field)
        : reader;
  }

  private static int vectorCount(KnnVectorsReader reader, FieldInfo field) throws IOException {
    if (field.getVectorEncoding() == VectorEncoding.BYTE) {
      var values = reader.getByteVectorValues(field.name);
      return values == null ? 0 : values.size();
    }
    var values = reader.getFloatVectorValues(field.name);
    return values == null ? 0 : values.size();
  }

  private static boolean noDeletions(@Nullable Bits live) {
    if (live == null) {
      return true;
    }
    for (int i = 0; i < live.length(); i++) {
      if (!live.get(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where each vector of the segment {@code reader} reads lands among the merged vectors: its
   * documents' new numbers, matched against the merged documents in order.
   */
  private static int[] renumbering(
      FieldInfo field,
      MergeState state,
      KnnVectorsReader reader,
      MergeState.DocMap docMap,
      int size)
      throws IOException {
    DocIdSetIterator old =
        field.getVectorEncoding() == VectorEncoding.BYTE
            ? reader.getByteVectorValues(field.name)
            : reader.getFloatVectorValues(field.name);
    long[] newDocAndOldOrd = new long[size];
    int oldOrd = 0;
    for (int doc = old.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = old.nextDoc()) {
      newDocAndOldOrd[oldOrd] = (long) docMap.get(doc) << 32 | oldOrd;
      oldOrd++;
    }
    Arrays.sort(newDocAndOldOrd);
    DocIdSetIterator merged =
        field.getVectorEncoding() == VectorEncoding.BYTE
            ? KnnVectorsWriter.MergedVectorValues.mergeByteVectorValues(field, state)
            : KnnVectorsWriter.MergedVectorValues.mergeFloatVectorValues(field, state);
    int[] oldToNew = new int[size];
    int k = 0;
    int newOrd = 0;
    for (int doc = merged.nextDoc();
        doc != DocIdSetIterator.NO_MORE_DOCS && k < size;
        doc = merged.nextDoc(), newOrd++) {
      if ((int) (newDocAndOldOrd[k] >>> 32) == doc) {
        oldToNew[(int) newDocAndOldOrd[k++]] = newOrd;
      }
    }
    if (k != size) {
      throw new IllegalStateException(
          "merge of field "
              + field.name
              + " found "
              + k
              + " of the "
              + size
              + " vectors it reuses");
    }
    return oldToNew;
  }

  /** Writes every level's rows (sorted, delta-coded) and returns each node's bytes per level. */
  private int[][] writeGraph(FlatHnswGraph graph) throws IOException {
    int[][] offsets = new int[graph.levels()][];
    int[] neighbours = new int[graph.capacity(0)];
    for (int level = 0; level < offsets.length; level++) {
      int[] nodes = graph.nodesOnLevel(level);
      offsets[level] = new int[nodes.length];
      for (int i = 0; i < nodes.length; i++) {
        long before = index.getFilePointer();
        int count = graph.neighbours(level, nodes[i], neighbours);
        Arrays.sort(neighbours, 0, count);
        index.writeVInt(count);
        for (int j = 0; j < count; j++) {
          index.writeVInt(j == 0 ? neighbours[0] : neighbours[j] - neighbours[j - 1]);
        }
        offsets[level][i] = Math.toIntExact(index.getFilePointer() - before);
      }
    }
    return offsets;
  }

  private void writeMeta(
      FieldInfo field,
      long start,
      long length,
      int count,
      @Nullable FlatHnswGraph graph,
      int[][] offsets)
      throws IOException {
    meta.writeInt(field.number);
    meta.writeInt(field.getVectorEncoding().ordinal());
    meta.writeInt(similarityOrdinal(field.getVectorSimilarityFunction()));
    meta.writeVLong(start);
    meta.writeVLong(length);
    meta.writeVInt(field.getVectorDimension());
    meta.writeInt(count);
    meta.writeVInt(m);
    if (graph == null) {
      meta.writeVInt(0);
      return;
    }
    meta.writeVInt(offsets.length);
    long values = 0;
    for (int level = 0; level < offsets.length; level++) {
      values += offsets[level].length;
      if (level > 0) {
        int[] nodes = graph.nodesOnLevel(level);
        meta.writeVInt(nodes.length);
        for (int i = 0; i < nodes.length; i++) {
          meta.writeVInt(i == 0 ? nodes[0] : nodes[i] - nodes[i - 1]);
        }
      }
    }
    long offsetsStart = index.getFilePointer();
    meta.writeLong(offsetsStart);
    meta.writeVInt(BLOCK_SHIFT);
    DirectMonotonicWriter writer =
        DirectMonotonicWriter.getInstance(meta, index, values, BLOCK_SHIFT);
    long sum = 0;
    for (int[] level : offsets) {
      for (int bytes : level) {
        writer.add(sum);
        sum += bytes;
      }
    }
    writer.finish();
    meta.writeLong(index.getFilePointer() - offsetsStart);
  }

  /** The similarity's number in Lucene 9's files (its place in Lucene's list). */
  private static int similarityOrdinal(VectorSimilarityFunction similarity) {
    int ordinal = Lucene99HnswVectorsReader.SIMILARITY_FUNCTIONS.indexOf(similarity);
    if (ordinal < 0) {
      throw new IllegalArgumentException("no file number for similarity " + similarity);
    }
    return ordinal;
  }

  @Override
  public void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    flat.finish();
    meta.writeInt(-1);
    CodecUtil.writeFooter(meta);
    CodecUtil.writeFooter(index);
  }

  @Override
  public long ramBytesUsed() {
    return flat.ramBytesUsed();
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(meta, index, flat);
  }
}
