package io.elavira.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person's structured profile: identity and contact, experiences, education, skills, languages
 * and projects, each {@link Fact} with the passage it was read from. Immutable.
 *
 * @param facts the facts, by section in {@link ProfileSection} order, then in reading order
 * @param suppressed ids of extracted facts the user deleted: later extractions leave them out
 */
public record Profile(List<Fact> facts, List<String> suppressed) {
  /** Validates and copies; facts are sorted by section, keeping their order within one. */
  public Profile {
    Objects.requireNonNull(facts, "facts");
    List<Fact> sorted = new ArrayList<>(facts);
    sorted.sort((a, b) -> a.section().compareTo(b.section()));
    facts = List.copyOf(sorted);
    suppressed = List.copyOf(new LinkedHashSet<>(suppressed));
  }

  /** An empty profile. */
  public static Profile empty() {
    return new Profile(List.of(), List.of());
  }

  /** The facts of one section, in reading order. */
  public List<Fact> facts(ProfileSection section) {
    return facts.stream().filter(f -> f.section() == section).toList();
  }

  /** The person's name, or null when no identity fact gives one. */
  public @Nullable String name() {
    return firstField(ProfileSection.IDENTITY, Fact.NAME);
  }

  /** The first value of {@code field} among the facts of {@code section}, or null. */
  public @Nullable String firstField(ProfileSection section, String field) {
    for (Fact f : facts(section)) {
      String value = f.field(field);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** The contact value of a type ("email", "phone", "location", "link"), or null. */
  public @Nullable String contact(String type) {
    for (Fact f : facts(ProfileSection.CONTACT)) {
      if (type.equals(f.field(Fact.CONTACT_TYPE))) {
        return f.field(Fact.VALUE);
      }
    }
    return null;
  }

  /**
   * This profile (a fresh extraction) with the user's corrections of {@code previous} kept over it:
   * facts the user deleted stay out, facts the user changed replace the extracted ones with the
   * same id, and facts the user added are kept.
   */
  public Profile keepingCorrectionsOf(Profile previous) {
    Set<String> suppressedIds = new HashSet<>(previous.suppressed());
    Map<String, Fact> corrected = new HashMap<>();
    for (Fact f : previous.facts()) {
      if (f.corrected()) {
        corrected.put(f.id(), f);
      }
    }
    List<Fact> merged = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Fact f : facts) {
      if (suppressedIds.contains(f.id()) || !seen.add(f.id())) {
        continue;
      }
      merged.add(corrected.getOrDefault(f.id(), f));
    }
    for (Fact f : previous.facts()) {
      if (f.corrected() && seen.add(f.id())) {
        merged.add(f);
      }
    }
    List<String> allSuppressed = new ArrayList<>(previous.suppressed());
    allSuppressed.addAll(suppressed);
    return new Profile(merged, allSuppressed);
  }

  /**
   * {@code edited} (what the user wrote over this profile) as a correction of this profile: facts
   * whose text, fields or details changed, and new facts, are marked corrected; facts of this
   * profile missing from {@code edited} are suppressed.
   */
  public Profile correctedBy(Profile edited) {
    Map<String, Fact> before = new HashMap<>();
    facts.forEach(f -> before.put(f.id(), f));
    List<Fact> result = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    for (Fact f : edited.facts()) {
      Fact old = before.get(f.id());
      kept.add(f.id());
      if (old != null
          && old.section() == f.section()
          && old.text().equals(f.text())
          && old.fields().equals(f.fields())
          && old.details().equals(f.details())) {
        result.add(old);
      } else {
        result.add(
            new Fact(
                f.id(),
                f.section(),
                f.text(),
                f.fields(),
                f.details(),
                old == null ? f.source() : old.source(),
                true));
      }
    }
    List<String> gone = new ArrayList<>(suppressed);
    gone.addAll(edited.suppressed());
    for (Fact f : facts) {
      if (!kept.contains(f.id())) {
        gone.add(f.id());
      }
    }
    return new Profile(result, gone);
  }

  /** Does not print the facts: they are personal data. */
  @Override
  public String toString() {
    return "Profile[facts=" + facts.size() + ", suppressed=" + suppressed.size() + "]";
  }
}
