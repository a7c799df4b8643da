package io.elavira.generate.internal;

import io.elavira.generate.Fact;
import io.elavira.generate.GenerationRequest;
import io.elavira.generate.ProfileSection;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Not API. The variables of a template: the person, the request, the date, and the selected facts
 * as lists (see {@code io.elavira.generate.Template}).
 */
public final class TemplateScope {
  private TemplateScope() {}

  /** The variables, without the sections (added once written). */
  public static Map<String, Object> of(
      List<Fact> facts, GenerationRequest request, LocalDate date) {
    String lang = request.language();
    Map<String, Object> scope = new HashMap<>();
    put(scope, "name", first(facts, ProfileSection.IDENTITY, Fact.NAME));
    put(scope, "headline", first(facts, ProfileSection.IDENTITY, Fact.HEADLINE));
    put(scope, "email", contact(facts, "email"));
    put(scope, "phone", contact(facts, "phone"));
    put(scope, "location", contact(facts, "location"));
    put(scope, "link", contact(facts, "link"));
    put(scope, "recipient", request.recipient());
    put(scope, "tone", request.tone());
    String[] title = jobTitle(request.jobOffer());
    scope.put("job_title", title[0]);
    put(scope, "company", title[1]);
    scope.put("date", date(date, lang));
    List<Map<String, Object>> experiences = new ArrayList<>();
    List<Map<String, Object>> education = new ArrayList<>();
    List<Map<String, Object>> skills = new ArrayList<>();
    List<Map<String, Object>> languages = new ArrayList<>();
    List<Map<String, Object>> projects = new ArrayList<>();
    List<String> skillNames = new ArrayList<>();
    for (Fact f : facts) {
      Map<String, Object> m = new HashMap<>(f.fields());
      m.put("text", f.text());
      m.put("dates", DateRanges.display(f.field(Fact.START), f.field(Fact.END), lang));
      m.put("details", f.details());
      m.put("achievements", f.details());
      switch (f.section()) {
        case EXPERIENCE -> experiences.add(m);
        case EDUCATION -> education.add(m);
        case SKILL -> {
          m.putIfAbsent(Fact.NAME, f.text());
          skills.add(m);
          skillNames.add(f.text());
        }
        case LANGUAGE -> {
          m.putIfAbsent(Fact.NAME, f.text());
          languages.add(m);
        }
        case PROJECT -> {
          m.putIfAbsent(Fact.NAME, f.text());
          projects.add(m);
        }
        default -> {}
      }
    }
    scope.put("experiences", experiences);
    scope.put("education", education);
    scope.put("skills", skills);
    scope.put("skills_line", String.join(", ", skillNames));
    scope.put("languages", languages);
    scope.put("projects", projects);
    scope.put("has_projects", !projects.isEmpty());
    return scope;
  }

  /** The city of a location ("Lyon" of "Lyon, France"), or null. */
  public static @Nullable String city(@Nullable Object location) {
    if (location == null) {
      return null;
    }
    String s = location.toString().split(",")[0].strip();
    return s.isEmpty() ? null : s;
  }

  /** "30 novembre 2026" or "30 November 2026". */
  public static String date(LocalDate date, String language) {
    Locale locale = "fr".equals(language) ? Locale.FRENCH : Locale.ENGLISH;
    return date.format(DateTimeFormatter.ofPattern("d MMMM yyyy", locale));
  }

  /** The job's title and company from the offer's first line ("Title — Company"). */
  static String[] jobTitle(String jobOffer) {
    for (String raw : jobOffer.split("\\R")) {
      String line = raw.replaceAll("^#+\\s*", "").replace("**", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+[—–|-]\\s+", 2);
      String title = parts[0].strip();
      if (title.length() > 100) {
        title = title.substring(0, 100).strip();
      }
      return new String[] {title, parts.length == 2 ? parts[1].strip() : null};
    }
    return new String[] {"", null};
  }

  private static @Nullable String first(List<Fact> facts, ProfileSection section, String field) {
    for (Fact f : facts) {
      if (f.section() == section && f.field(field) != null) {
        return f.field(field);
      }
    }
    return null;
  }

  private static @Nullable String contact(List<Fact> facts, String type) {
    for (Fact f : facts) {
      if (f.section() == ProfileSection.CONTACT && type.equals(f.field(Fact.CONTACT_TYPE))) {
        return f.field(Fact.VALUE);
      }
    }
    return null;
  }

  private static void put(Map<String, Object> scope, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      scope.put(key, value);
    }
  }
}
