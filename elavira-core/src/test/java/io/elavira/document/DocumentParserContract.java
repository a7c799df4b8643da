package io.elavira.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DocumentParser} meets. Extend it in the parser's test, provide the
 * parser and a valid sample, and every test here runs against it.
 *
 * <p>Override {@link #garbage()} when random bytes with NUL bytes are not a fair "garbage" input
 * for the format, and {@link #emptyContent()} when an empty file of the format is not zero bytes.
 */
public abstract class DocumentParserContract {

  /** The parser under test; may be a new instance per call. */
  protected abstract DocumentParser parser();

  /** The bytes of a small valid file of the format, with some text in it. */
  protected abstract byte[] validSample();

  /** The file name of {@link #validSample()}, with one of the parser's extensions. */
  protected abstract String validSampleName();

  /** Content with no text for this format; zero bytes by default. */
  protected byte[] emptyContent() {
    return new byte[0];
  }

  /** Bytes that are not a valid file of the format: random binary with NUL bytes by default. */
  protected byte[] garbage() {
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    for (int i = 0; i < bytes.length; i += 64) {
      bytes[i] = 0;
    }
    return bytes;
  }

  private String fileNamed(String base) {
    return base + "." + parser().extensions().iterator().next();
  }

  @Test
  void declaresLowerCaseExtensionsWithoutDot() {
    assertThat(parser().extensions())
        .isNotEmpty()
        .allSatisfy(
            extension -> {
              assertThat(extension).isNotBlank().doesNotStartWith(".");
              assertThat(extension).isEqualTo(extension.toLowerCase(java.util.Locale.ROOT));
            });
  }

  @Test
  void parsesTheValidSampleIntoANonBlankDocumentNamedAfterTheFile() {
    Document document = parser().parse(new ByteArrayInputStream(validSample()), validSampleName());

    assertThat(document.name()).isEqualTo(validSampleName());
    assertThat(document.format()).isNotBlank();
    assertThat(document.isBlank()).isFalse();
    assertThat(document.blocks())
        .isNotEmpty()
        .allSatisfy(block -> assertThat(block.text()).isNotBlank());
  }

  @Test
  void reportsEmptyContentAsEmptyNamingTheFile() {
    String name = fileNamed("nothing-here");

    Throwable thrown =
        catchThrowable(() -> parser().parse(new ByteArrayInputStream(emptyContent()), name));

    assertThat(thrown).isInstanceOf(IngestException.class).hasMessageContaining(name);
    IngestException error = (IngestException) thrown;
    assertThat(error.reason()).isEqualTo(IngestException.Reason.EMPTY);
    assertThat(error.file()).contains(name);
  }

  @Test
  void reportsGarbageAsAnIngestExceptionNotALibraryException() {
    String name = fileNamed("garbage");

    Throwable thrown =
        catchThrowable(() -> parser().parse(new ByteArrayInputStream(garbage()), name));

    assertThat(thrown).isInstanceOf(IngestException.class).hasMessageContaining(name);
    assertThat(((IngestException) thrown).reason()).isEqualTo(IngestException.Reason.CORRUPT);
  }

  @Test
  void doesNotCloseTheInputStream() {
    CloseRecordingStream valid = new CloseRecordingStream(validSample());
    CloseRecordingStream empty = new CloseRecordingStream(emptyContent());

    parser().parse(valid, validSampleName());
    // Whether the empty file is refused or parsed does not matter here: the stream stays open.
    Throwable ignored = catchThrowable(() -> parser().parse(empty, fileNamed("empty")));

    assertThat(valid.closed).as("stream closed after a successful parse").isFalse();
    assertThat(empty.closed).as("stream closed after a failed parse").isFalse();
  }

  @Test
  void givesTheSameDocumentEveryTimeAndFromManyThreads() throws Exception {
    DocumentParser parser = parser();
    Document first = parser.parse(new ByteArrayInputStream(validSample()), validSampleName());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Document>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(
            CompletableFuture.supplyAsync(
                () -> parser.parse(new ByteArrayInputStream(validSample()), validSampleName()),
                pool));
      }
      for (CompletableFuture<Document> future : futures) {
        assertThat(future.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A stream that records whether it was closed. */
  private static final class CloseRecordingStream extends FilterInputStream {
    private volatile boolean closed;

    CloseRecordingStream(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public void close() throws java.io.IOException {
      closed = true;
      super.close();
    }
  }

  /** Reads all of a stream; for subclasses that build samples from resources. */
  protected static byte[] readAll(InputStream in) throws java.io.IOException {
    return in.readAllBytes();
  }
}
