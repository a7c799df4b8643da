package io.elavira.generate;

import io.elavira.generate.internal.ClaimScanner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Flags the statements of a text that no source supports: capitalised names (people, employers,
 * schools), years and dates, degrees (Master, Licence, BTS, PhD, Doctorat, Bachelor...) and numbers
 * (with units or percentages). Each candidate claim is looked for, without accents or case, in the
 * profile's facts, their source passages and the other texts given (retrieved passages, the job
 * offer, the template's own words); what is found nowhere is flagged.
 *
 * <pre>{@code
 * ClaimCheck check = ClaimCheck.against(profile, List.of(jobOffer));
 * List<ClaimFlag> flags = check.flags(letter);   // empty: every name, date, degree is sourced
 * }</pre>
 *
 * <p>It is a check, not a proof: a claim made of supported words in a wrong combination ("Master"
 * and "2017" both true, but not together) is not flagged, and the first word of a sentence is only
 * checked when it is an acronym or starts a longer name. The caller decides what to do with the
 * flags: reject the text, regenerate it, or accept it with the flags shown.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClaimCheck {
  private final ClaimScanner scanner;

  private ClaimCheck(ClaimScanner scanner) {
    this.scanner = scanner;
  }

  /**
   * A check whose sources are the profile (facts, their fields, details and source passages) and
   * {@code texts}.
   *
   * @param profile the person's profile
   * @param texts other supporting texts: retrieved passages, the job offer, the recipient, the
   *     template's fixed wording
   */
  public static ClaimCheck against(Profile profile, Collection<String> texts) {
    Objects.requireNonNull(profile, "profile");
    List<String> all = new ArrayList<>();
    for (Fact f : profile.facts()) {
      all.add(f.text());
      all.addAll(f.fields().values());
      all.addAll(f.details());
      if (f.source() != null) {
        all.add(f.source().passage());
      }
    }
    for (String t : texts) {
      all.add(Objects.requireNonNull(t, "text"));
    }
    return new ClaimCheck(new ClaimScanner(all));
  }

  /**
   * The unsupported claims of {@code text}, in reading order (each claim once per line).
   *
   * @return empty when every name, date, degree and figure is found in the sources
   */
  public List<ClaimFlag> flags(String text) {
    Objects.requireNonNull(text, "text");
    return scanner.scan(text);
  }
}
