package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeCommandTest {
  @Test
  void serveIsACommandWithItsOptions() {
    CliRun run = CliRun.run("serve", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--port", "--host", "--rate-limit", "--max-upload-mb", "--cors-origin", "--home")
        .contains("ELAVIRA_ADMIN_PASSWORD");
  }

  @Test
  void aPortOutOfRangeIsAUsageErrorBeforeAnythingStarts() {
    CliRun run = CliRun.run("serve", "--offline", "--port", "70000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--port is 0 to 65535");
  }
}
