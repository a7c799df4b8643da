package io.elavira.generate;

import io.elavira.document.Chunk;
import io.elavira.generate.internal.CvRules;
import io.elavira.generate.internal.SourceLines;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The profile the CV rules read from the sample CV, without a store. */
final class SampleProfile {
  private SampleProfile() {}

  static Profile of() {
    DocumentRecord doc =
        new DocumentRecord(
            "cv-doc",
            "a",
            null,
            "cv-camille-martin.md",
            "/cv.md",
            "md",
            "h",
            DocumentStatus.READY,
            1,
            1,
            Instant.EPOCH);
    List<Chunk> chunks = SampleCv.chunks(SampleCv.cv());
    List<ChunkRecord> records =
        chunks.stream()
            .map(
                c ->
                    new ChunkRecord(
                        "c" + c.ordinal(),
                        doc.id(),
                        c.ordinal(),
                        c.text(),
                        c.section(),
                        c.page(),
                        "h",
                        Map.of()))
            .toList();
    return new Profile(CvRules.read(SourceLines.of(doc, records)), List.of());
  }
}
