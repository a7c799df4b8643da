package io.elavira.generate.internal;

import io.elavira.generate.Fact;
import io.elavira.generate.ProfileSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * Not API. An experience, education or project entry of a CV being read: its header line, its
 * period and its bullet points. Mutable while {@link CvRules} reads it; never shared.
 */
final class CvEntry {
  final String header;
  final SourceLines.Line line;
  final List<String> lines = new ArrayList<>();
  final List<String> details = new ArrayList<>();
  DateRanges.@Nullable Period period;
  @Nullable String periodText;

  CvEntry(String header, SourceLines.Line line) {
    this.header = header;
    this.line = line;
    setPeriod(header);
    lines.add(header);
  }

  void setPeriod(String text) {
    period = DateRanges.find(text);
    periodText = period == null ? null : text.substring(period.from(), period.to()).strip();
  }

  Fact toFact(ProfileSection section, Set<String> keyWords) {
    String rest = header;
    if (period != null && rest.equals(lines.get(0)) && DateRanges.find(rest) != null) {
      DateRanges.Period p = DateRanges.find(rest);
      if (p != null) {
        rest = rest.substring(0, p.from()) + rest.substring(p.to());
      }
    }
    rest = rest.replaceAll("\\(\\s*\\)", "").replaceAll("[\\s,;|—–-]+$", "").strip();
    String[] parts = CvRules.STRONG.split(rest);
    if (parts.length < 2) {
      parts = rest.split(",\\s+");
    }
    int key = -1;
    for (int i = 0; i < parts.length && key < 0; i++) {
      for (String w : TextNormal.of(parts[i]).split("[^a-z]+")) {
        if (keyWords.contains(w)) {
          key = i;
          break;
        }
      }
    }
    String first = parts.length > 0 ? parts[0].strip() : rest;
    String keyPart = key >= 0 ? parts[key].strip() : first;
    String other = "";
    for (int i = 0; i < parts.length; i++) {
      if (i != (key >= 0 ? key : 0) && !parts[i].isBlank()) {
        other = parts[i].split(",\\s+")[0].strip();
        break;
      }
    }
    Map<String, String> fields = new LinkedHashMap<>();
    boolean experience = section == ProfileSection.EXPERIENCE;
    fields.put(experience ? Fact.ROLE : Fact.DEGREE, keyPart);
    if (!other.isEmpty()) {
      fields.put(experience ? Fact.EMPLOYER : Fact.SCHOOL, other);
    }
    if (period != null) {
      fields.put(Fact.START, period.start());
      fields.put(Fact.END, period.end());
    }
    String text = keyPart + (other.isEmpty() ? "" : " — " + other);
    if (periodText != null) {
      text += " (" + periodText + ")";
    }
    return CvRules.fact(section, text, fields, details, line);
  }

  Fact project() {
    String name = header;
    String description = null;
    Matcher labelled = CvRules.LABEL.matcher(header);
    String[] dash = header.split("\\s+[—–-]\\s+", 2);
    if (labelled.matches()) {
      name = CvRules.strip(labelled.group(1));
      description = CvRules.strip(labelled.group(2));
    } else if (dash.length == 2) {
      name = CvRules.strip(dash[0]);
      description = CvRules.strip(dash[1]);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(Fact.NAME, name);
    if (description != null) {
      fields.put(Fact.DESCRIPTION, description);
    }
    if (period != null) {
      fields.put(Fact.START, period.start());
      fields.put(Fact.END, period.end());
    }
    return CvRules.fact(ProfileSection.PROJECT, header, fields, details, line);
  }
}
