package io.elavira.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
  @TempDir Path dir;

  @Test
  void hasABuiltInTemplateForEachKindInFrenchAndEnglishDeclaringInputsAndSections() {
    Templates templates = Templates.builtIn();

    for (DocumentKind kind : DocumentKind.values()) {
      for (String language : new String[] {"fr", "en"}) {
        Template t = templates.find(kind, language);
        assertThat(t.origin()).isEqualTo("built-in");
        assertThat(t.inputs()).contains("job", "language");
        assertThat(t.sections()).isNotEmpty();
        assertThat(t.letter()).isEqualTo(kind == DocumentKind.COVER_LETTER);
      }
    }
    assertThat(templates.all()).hasSize(Templates.BUILT_IN.size());
  }

  @Test
  void refusesAUserTemplateWithoutItsDescriptorNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("relance.mustache"), "{{{relance}}}");

    assertThatThrownBy(() -> Templates.builtIn().withFolder(dir))
        .isInstanceOf(GenerateException.class)
        .hasMessageContaining("relance.mustache")
        .hasMessageContaining("relance.json");
  }

  @Test
  void refusesAnUnknownInputASectionTheBodyNeverUsesAndBrokenMustache() throws Exception {
    String descriptor =
        """
        {"kind": "email", "language": "fr", "inputs": [%s],
         "sections": [{"name": "corps", "instruction": "x", "facts": [], "draft": ""}]}
        """;
    Path a = Files.createDirectories(dir.resolve("a"));
    Files.writeString(a.resolve("t.json"), descriptor.formatted("\"salary\""));
    Files.writeString(a.resolve("t.mustache"), "{{{corps}}}");
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(b.resolve("t.json"), descriptor.formatted("\"job\""));
    Files.writeString(b.resolve("t.mustache"), "Bonjour");
    Path c = Files.createDirectories(dir.resolve("c"));
    Files.writeString(c.resolve("t.json"), descriptor.formatted("\"job\""));
    Files.writeString(c.resolve("t.mustache"), "{{#corps}}{{{corps}}}");

    assertThatThrownBy(() -> Templates.builtIn().withFolder(a))
        .isInstanceOf(GenerateException.class)
        .hasMessageContaining("salary");
    assertThatThrownBy(() -> Templates.builtIn().withFolder(b))
        .isInstanceOf(GenerateException.class)
        .hasMessageContaining("corps");
    assertThatThrownBy(() -> Templates.builtIn().withFolder(c))
        .isInstanceOf(GenerateException.class)
        .hasMessageContaining("not valid Mustache");
  }

  @Test
  void aTemplateCannotReadFilesThroughPartials() throws Exception {
    Files.writeString(dir.resolve("secret.mustache"), "{{> /etc/passwd}} {{{corps}}}");
    Files.writeString(
        dir.resolve("secret.json"),
        """
        {"kind": "email", "language": "en", "inputs": ["job"],
         "sections": [{"name": "corps", "instruction": "x", "facts": [], "draft": ""}]}
        """);

    assertThatThrownBy(() -> Templates.builtIn().withFolder(dir))
        .isInstanceOf(GenerateException.class)
        .hasMessageContaining("partials are not supported");
  }
}
