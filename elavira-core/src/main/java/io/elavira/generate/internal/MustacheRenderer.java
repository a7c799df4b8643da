package io.elavira.generate.internal;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Not API. Compiles and renders Mustache text with mustache.java. Values are written as they are
 * (the output is Markdown, not HTML) and partials are refused, so a template cannot read files.
 * Compiled templates are immutable and thread-safe; so is this renderer.
 */
public final class MustacheRenderer {
  private final DefaultMustacheFactory factory = new RawFactory();

  /**
   * Compiles a template.
   *
   * @param name names the template in errors
   * @throws IllegalArgumentException with mustache.java's message when the syntax is wrong
   */
  public Mustache compile(String name, String text) {
    try {
      return factory.compile(new StringReader(text), name);
    } catch (MustacheException e) {
      throw new IllegalArgumentException(
          "template " + name + " is not valid Mustache: " + e.getMessage(), e);
    }
  }

  /** Renders a compiled template over a scope of maps, lists and strings. */
  public static String render(Mustache mustache, Map<String, Object> scope) {
    StringWriter out = new StringWriter();
    mustache.execute(out, scope);
    return out.toString();
  }

  /** One-off rendering of a short text (a subject line, a section's draft). */
  public String renderText(String name, String text, Map<String, Object> scope) {
    return render(compile(name, text), scope);
  }

  /** No HTML escaping, no partials. */
  private static final class RawFactory extends DefaultMustacheFactory {
    RawFactory() {
      super(
          resourceName -> {
            throw new MustacheException(
                "partials are not supported in Elavira templates ({{> " + resourceName + "}})");
          });
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
