package io.elavira.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.ElaviraException;
import io.elavira.llm.LlmProviderConfig;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  @Test
  void masksCredentialsInUrls() {
    assertThat(SecretMasker.maskUrl("https://bob:hunter2@llm.example.com:8443/v1"))
        .isEqualTo("https://***@llm.example.com:8443/v1");
    assertThat(SecretMasker.mask("GET http://localhost:11434/api/tags?api_key=abcd1234xyz&x=1"))
        .isEqualTo("GET http://localhost:11434/api/tags?api_key=****&x=1");
  }

  @Test
  void masksKeysAndTokens() {
    String text =
        "401 from openai: invalid key sk-proj-AbCdEf123456 (Authorization: Bearer"
            + " eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.abcDEF123) ghp_abcdefghijklmnopqrstu"
            + " AKIAABCDEFGHIJKLMNOP password=s3cr3t! \"apiKey\": \"k-1234567\"";

    String masked = SecretMasker.mask(text);

    assertThat(masked)
        .doesNotContain("AbCdEf123456", "eyJhbGci", "abcdefghijklmnop", "ABCDEFGHIJKLMNOP")
        .doesNotContain("s3cr3t", "k-1234567")
        .contains("sk-****", "Bearer ****", "password=****");
  }

  @Test
  void masksAKeyTheCallerHoldsWhateverItsShape() {
    assertThat(SecretMasker.mask("echo: my-odd-key-42 rejected", "my-odd-key-42"))
        .isEqualTo("echo: **** rejected");
  }

  @Test
  void masksEmailsAndPhoneNumbersButNotOrdinaryNumbers() {
    String text =
        "Contact jeanne.dupont+rh@example.fr or +33 6 12 34 56 78 or 06.12.34.56.78; the fee is"
            + " 1 200 euros, due 2026-11-30, order 4000, question of 5012 characters.";

    String masked = SecretMasker.mask(text);

    assertThat(masked)
        .doesNotContain("jeanne.dupont", "6 12 34 56 78", "06.12.34.56.78")
        .contains("***@example.fr")
        .contains("1 200 euros", "2026-11-30", "order 4000", "5012 characters");
  }

  @Test
  void providerConfigsPrintTheirUrlMasked() {
    LlmProviderConfig config =
        LlmProviderConfig.of("https://u:pw123@llm.example.com/v1?api_key=abc12345", "m", "KEY");

    assertThat(config.toString())
        .doesNotContain("pw123", "abc12345")
        .contains("https://***@llm.example.com/v1?api_key=****");
  }

  @Test
  void exceptionMessagesAreMasked() {
    ElaviraException e =
        new ElaviraException(
            "Cannot reach https://alice:pw123@db.example.com for jeanne@example.fr");

    assertThat(e.getMessage())
        .doesNotContain("pw123", "alice:")
        .doesNotContain("jeanne@")
        .contains("https://***@db.example.com");
  }
}
