package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UploadNamesTest {
  @Test
  void keepsOnlyTheLastSegmentOfAPath() {
    assertThat(UploadNames.safe("../../etc/passwd.txt")).isEqualTo("passwd.txt");
    assertThat(UploadNames.safe("C:\\Users\\x\\notes.md")).isEqualTo("notes.md");
    assertThat(UploadNames.safe("/abs/file.pdf")).isEqualTo("file.pdf");
  }

  @Test
  void replacesUnsafeCharactersAndLeadingDots() {
    assertThat(UploadNames.safe(".hidden.txt")).isEqualTo("hidden.txt");
    assertThat(UploadNames.safe("a;b'c\"d<e>.txt")).isEqualTo("a_b_c_d_e_.txt");
    assertThat(UploadNames.safe("résumé 2026.docx")).isEqualTo("résumé 2026.docx");
    assertThat(UploadNames.safe("nul\u0000byte.txt")).isEqualTo("nul_byte.txt");
  }

  @Test
  void shortensALongNameKeepingItsExtension() {
    String name = UploadNames.safe("a".repeat(500) + ".txt");

    assertThat(name).hasSize(UploadNames.MAX_CHARS).endsWith(".txt");
  }

  @Test
  void refusesANameWithNothingUsable() {
    for (String bad : new String[] {"", "..", "../..", "/", "...", "\\"}) {
      assertThatThrownBy(() -> UploadNames.safe(bad)).as(bad).isInstanceOf(ApiException.class);
    }
  }
}
