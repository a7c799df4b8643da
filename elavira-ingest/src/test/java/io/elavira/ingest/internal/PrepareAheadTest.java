package io.elavira.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.IndexRequest;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrepareAheadTest {
  private static final Duration LIMIT = Duration.ofMinutes(1);

  private static List<FileCollector.Candidate> files(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new FileCollector.Candidate(Path.of("/data/file-" + i + ".txt"), null))
        .toList();
  }

  private static IndexRequest request(Path path, int chunks) {
    Document document =
        new Document(
            path.getFileName().toString(),
            path.toString(),
            "text",
            List.of(new Block(BlockType.PARAGRAPH, "text of " + path, null, null)),
            Map.of());
    List<Chunk> list = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      list.add(new Chunk(i, "chunk " + i + " of " + path, null, null, Map.of()));
    }
    return IndexRequest.shared(document, list);
  }

  @Test
  void stopsReadingAheadOnceTheFilesNotTakenHoldEnoughChunks() throws InterruptedException {
    Set<Path> started = ConcurrentHashMap.newKeySet();
    CountDownLatch secondStarted = new CountDownLatch(1);
    CountDownLatch thirdStarted = new CountDownLatch(1);
    Function<Path, IndexRequest> preparer =
        path -> {
          started.add(path);
          if (path.endsWith("file-1.txt")) {
            secondStarted.countDown();
          }
          if (path.endsWith("file-2.txt")) {
            thirdStarted.countDown();
          }
          return request(path, 200);
        };

    try (PrepareAhead ahead = new PrepareAhead(files(20), preparer, 1, 256, LIMIT)) {
      // Nothing taken yet: file 0 (200 chunks) leaves room, file 1 (400) fills the look-ahead.
      assertThat(secondStarted.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(thirdStarted.await(1, TimeUnit.SECONDS)).isFalse();
      assertThat(started).hasSize(2);

      List<String> handedOut = new ArrayList<>();
      while (ahead.hasNext()) {
        handedOut.add(ahead.next().path().getFileName().toString());
      }
      assertThat(handedOut)
          .containsExactlyElementsOf(
              IntStream.range(0, 20).mapToObj(i -> "file-" + i + ".txt").toList());
      assertThatThrownBy(ahead::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void handsOutFailuresInTheirPlaceWithoutThrowing() {
    List<FileCollector.Candidate> candidates = new ArrayList<>(files(3));
    IngestException missing =
        new IngestException("/data/gone.txt", Reason.UNREADABLE, "gone.txt is missing");
    candidates.add(1, new FileCollector.Candidate(Path.of("/data/gone.txt"), missing));
    Function<Path, IndexRequest> preparer =
        path -> {
          if (path.endsWith("file-2.txt")) {
            throw new IngestException(path.toString(), Reason.CORRUPT, "file-2.txt is corrupt");
          }
          return request(path, 1);
        };

    List<String> handedOut = new ArrayList<>();
    try (PrepareAhead ahead = new PrepareAhead(candidates, preparer, 2, 256, LIMIT)) {
      while (ahead.hasNext()) {
        PrepareAhead.Prepared p = ahead.next();
        handedOut.add(
            p.path().getFileName()
                + " "
                + (p.error() == null ? p.request().chunks().size() : p.error().reason()));
      }
    }

    assertThat(handedOut)
        .containsExactly(
            "file-0.txt 1", "gone.txt UNREADABLE", "file-1.txt 1", "file-2.txt CORRUPT");
  }
}
