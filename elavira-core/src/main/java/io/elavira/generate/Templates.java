package io.elavira.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mustachejava.Mustache;
import io.elavira.generate.internal.MustacheRenderer;
import io.elavira.generate.internal.ProfileJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The templates a {@link DocumentGenerator} can use: the built-in cover letter, tailored CV and
 * email in French and English, and user templates read from a folder (each {@code NAME.mustache}
 * with its {@code NAME.json} descriptor, see {@link Template}). A user template of the same kind
 * and language as a built-in one is chosen before it.
 *
 * <p>Every template is parsed and compiled when loaded, so a malformed one fails at once with a
 * message naming its file. Immutable and thread-safe.
 */
public final class Templates {
  /** The built-in templates, by name (resources {@code io/elavira/generate/templates/NAME.*}). */
  public static final List<String> BUILT_IN =
      List.of("cover-letter.fr", "cover-letter.en", "cv.fr", "cv.en", "email.fr", "email.en");

  private static final String RESOURCES = "/io/elavira/generate/templates/";

  private final MustacheRenderer renderer;
  private final Map<String, Template> byName;
  private final Map<String, Mustache> compiled;

  private Templates(
      MustacheRenderer renderer, Map<String, Template> byName, Map<String, Mustache> compiled) {
    this.renderer = renderer;
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    this.compiled = Map.copyOf(compiled);
  }

  /**
   * The built-in templates.
   *
   * @throws GenerateException when a built-in resource is missing (a broken build)
   */
  public static Templates builtIn() {
    MustacheRenderer renderer = new MustacheRenderer();
    Map<String, Template> byName = new LinkedHashMap<>();
    Map<String, Mustache> compiled = new LinkedHashMap<>();
    for (String name : BUILT_IN) {
      Template t = parse(name, resource(name + ".json"), resource(name + ".mustache"), "built-in");
      byName.put(name, t);
      compiled.put(name, compile(renderer, t));
    }
    return new Templates(renderer, byName, compiled);
  }

  /**
   * These templates and those of {@code folder}: every {@code NAME.mustache} there with its {@code
   * NAME.json}. A user template named like a built-in one replaces it.
   *
   * @throws GenerateException naming the file when the folder cannot be read, a descriptor is
   *     missing or invalid, or a body is not valid Mustache
   */
  public Templates withFolder(Path folder) {
    Objects.requireNonNull(folder, "folder");
    if (!Files.isDirectory(folder)) {
      throw new GenerateException(
          "The template folder "
              + folder
              + " is not a folder; pass one holding NAME.mustache"
              + " files with their NAME.json descriptors.");
    }
    Map<String, Template> names = new LinkedHashMap<>(byName);
    Map<String, Mustache> bodies = new LinkedHashMap<>(compiled);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.mustache")) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".mustache".length());
        Path descriptor = file.resolveSibling(name + ".json");
        if (!Files.isRegularFile(descriptor)) {
          throw new GenerateException(
              "The template "
                  + file
                  + " has no descriptor: add "
                  + descriptor.getFileName()
                  + " next to it (kind, language, inputs, sections).");
        }
        Template t =
            parse(
                name,
                Files.readString(descriptor, StandardCharsets.UTF_8),
                Files.readString(file, StandardCharsets.UTF_8),
                file.toString());
        names.put(name, t);
        bodies.put(name, compile(renderer, t));
      }
    } catch (IOException e) {
      throw new GenerateException("Cannot read the template folder " + folder + ": " + e, e);
    }
    return new Templates(renderer, names, bodies);
  }

  /** Every template, built-in ones first. */
  public List<Template> all() {
    return List.copyOf(byName.values());
  }

  /** The template named {@code name}, or empty. */
  public Optional<Template> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The template for a kind and language: a user template when one matches, else the built-in.
   *
   * @throws GenerateException when none matches
   */
  public Template find(DocumentKind kind, String language) {
    Template found = null;
    for (Template t : byName.values()) {
      if (t.kind() == kind && t.language().equals(language)) {
        found = t; // later (user) templates win
      }
    }
    if (found == null) {
      throw new GenerateException(
          "No template for " + kind.id() + " in '" + language + "'; languages are fr and en.");
    }
    return found;
  }

  /** Renders a template's body. */
  String render(Template template, Map<String, Object> scope) {
    Mustache m = compiled.get(template.name());
    if (m == null || byName.get(template.name()) != template) {
      m = compile(renderer, template);
    }
    return MustacheRenderer.render(m, scope);
  }

  /** Renders one of a template's short texts (subject, salutation, a section's draft). */
  String renderText(Template template, String what, String text, Map<String, Object> scope) {
    try {
      return renderer.renderText(template.name() + " " + what, text, scope);
    } catch (IllegalArgumentException e) {
      throw new GenerateException(
          "The " + what + " of template " + template.origin() + " is not valid Mustache", e);
    }
  }

  private static Mustache compile(MustacheRenderer renderer, Template t) {
    try {
      return renderer.compile(t.name(), t.body());
    } catch (IllegalArgumentException e) {
      throw new GenerateException(
          "The template " + t.origin() + " is not valid Mustache: " + e.getMessage(), e);
    }
  }

  private static Template parse(String name, String descriptor, String body, String origin) {
    JsonNode d;
    try {
      d = ProfileJson.mapper().readTree(descriptor);
    } catch (IOException e) {
      throw new GenerateException(
          "The descriptor of template " + origin + " is not valid JSON: " + e.getMessage(), e);
    }
    try {
      if (d == null || !d.isObject()) {
        throw new IllegalArgumentException("the descriptor must be a JSON object");
      }
      List<String> inputs = new ArrayList<>();
      d.path("inputs").forEach(i -> inputs.add(i.asText()));
      List<TemplateSection> sections = new ArrayList<>();
      for (JsonNode s : d.path("sections")) {
        List<ProfileSection> facts = new ArrayList<>();
        for (JsonNode f : s.path("facts")) {
          facts.add(ProfileSection.valueOf(f.asText().toUpperCase(Locale.ROOT)));
        }
        sections.add(
            new TemplateSection(
                s.path("name").asText(""),
                s.path("instruction").asText(""),
                facts,
                s.path("draft").asText("")));
      }
      Template t =
          new Template(
              name,
              DocumentKind.fromId(d.path("kind").asText("")),
              d.path("language").asText(""),
              "letter".equals(d.path("layout").asText("")),
              inputs,
              d.hasNonNull("subject") ? d.get("subject").asText() : null,
              d.hasNonNull("salutation") ? d.get("salutation").asText() : null,
              sections,
              body,
              origin);
      for (TemplateSection s : t.sections()) {
        if (!body.contains("{{" + s.name() + "}}") && !body.contains("{{{" + s.name() + "}}}")) {
          throw new IllegalArgumentException(
              "section '"
                  + s.name()
                  + "' is declared but the body never uses {{{"
                  + s.name()
                  + "}}}");
        }
      }
      return t;
    } catch (IllegalArgumentException e) {
      throw new GenerateException("The template " + origin + " is invalid: " + e.getMessage(), e);
    }
  }

  private static String resource(String file) {
    try (InputStream in = Templates.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new GenerateException(
            "The built-in template " + RESOURCES + file + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GenerateException("Cannot read the built-in template " + file + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "Templates" + byName.keySet();
  }
}
