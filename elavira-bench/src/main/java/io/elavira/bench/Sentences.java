package io.elavira.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic benchmark texts: sentences of about 40 words, alternately English and French. */
public final class Sentences {
  private static final String[] ENGLISH =
      ("the booking was cancelled because our client changed travel plans for the summer and the"
              + " hotel refunded everything quickly while we waited for an answer from the agency in"
              + " town about new dates meeting invoice contract tenant landlord deposit insurance claim"
              + " doctor appointment prescription schedule train delayed airport luggage passport"
              + " renewal office manager report quarterly figures budget approved")
          .split(" ");
  private static final String[] FRENCH =
      ("la réservation a été annulée parce que notre client a changé ses projets de vacances pour"
              + " l'été et l'hôtel a tout remboursé rapidement pendant que nous attendions la réponse"
              + " de l'agence au centre-ville rendez-vous facture contrat locataire propriétaire"
              + " caution assurance sinistre médecin ordonnance horaire train retardé aéroport bagages"
              + " passeport renouvellement bureau responsable rapport chiffres trimestriels budget"
              + " approuvé déjà reçu")
          .split(" ");

  private Sentences() {}

  /**
   * {@code count} sentences of 35 to 45 words from a fixed seed: the same list on every run.
   *
   * @param count how many sentences
   * @param seed the random seed
   */
  public static List<String> generate(int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String[] words = i % 2 == 0 ? ENGLISH : FRENCH;
      int n = 35 + random.nextInt(11);
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < n; w++) {
        String word = words[random.nextInt(words.length)];
        sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        sb.append(w == n - 1 ? "." : random.nextInt(8) == 0 ? ", " : " ");
      }
      out.add(sb.toString());
    }
    return List.copyOf(out);
  }
}
