package io.elavira.generate.internal;

import io.elavira.Source;
import io.elavira.generate.DocumentKind;
import io.elavira.generate.Fact;
import io.elavira.generate.FactSource;
import io.elavira.generate.Profile;
import io.elavira.generate.ProfileSection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not API. Picks the profile facts relevant to a job offer: identity, contact, education and
 * languages always; experiences, skills and projects ranked by how much they share with the offer
 * (its words, and whether the agent's retrieval returned the passage they were read from), the best
 * kept up to a number per kind of document, then put back in reading order. Stateless.
 */
public final class FactSelector {
  private static final Set<String> STOP =
      Set.of(
          "les", "des", "une", "pour", "dans", "avec", "sur", "par", "est", "sont", "nous", "vous",
          "and", "the", "for", "with", "our", "you", "your", "are", "will", "que", "qui", "aux",
          "ses", "leur", "plus", "this", "that", "from", "who", "what", "faire", "etre");

  private FactSelector() {}

  /** The relevant facts, in profile order. */
  public static List<Fact> select(
      Profile profile, DocumentKind kind, String jobOffer, List<Source> retrieved) {
    Set<String> jobWords = words(jobOffer);
    Map<String, Integer> retrievedRank = new HashMap<>();
    for (int i = 0; i < retrieved.size(); i++) {
      retrievedRank.putIfAbsent(retrieved.get(i).documentId() + "#" + retrieved.get(i).chunk(), i);
    }
    Map<Fact, Double> score = new HashMap<>();
    for (Fact f : profile.facts()) {
      StringBuilder text = new StringBuilder(f.text());
      f.details().forEach(d -> text.append(' ').append(d));
      f.fields().values().forEach(v -> text.append(' ').append(v));
      Set<String> w = words(text.toString());
      w.retainAll(jobWords);
      double s = w.size();
      FactSource src = f.source();
      if (src != null) {
        Integer rank = retrievedRank.get(src.documentId() + "#" + src.chunk());
        if (rank != null) {
          s += 2.0 / (1 + rank);
        }
      }
      score.put(f, s);
    }
    boolean cv = kind == DocumentKind.CV;
    Set<Fact> kept = new HashSet<>();
    for (ProfileSection section : ProfileSection.values()) {
      List<Fact> facts = new ArrayList<>(profile.facts(section));
      int limit =
          switch (section) {
            case IDENTITY, CONTACT, EDUCATION, LANGUAGE -> Integer.MAX_VALUE;
            case EXPERIENCE -> cv ? 5 : 3;
            case SKILL -> cv ? 12 : 8;
            case PROJECT -> cv ? 3 : 2;
          };
      facts.sort(Comparator.comparingDouble((Fact f) -> -score.getOrDefault(f, 0.0)));
      boolean needsMatch = section == ProfileSection.PROJECT && !cv;
      for (Fact f : facts) {
        if (kept.stream().filter(k -> k.section() == section).count() >= limit) {
          break;
        }
        if (needsMatch && score.getOrDefault(f, 0.0) <= 0) {
          continue;
        }
        kept.add(f);
      }
    }
    return profile.facts().stream().filter(kept::contains).toList();
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : TextNormal.of(text).split("[^\\p{L}\\d+#]+")) {
      if (w.length() >= 3 && !STOP.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }
}
