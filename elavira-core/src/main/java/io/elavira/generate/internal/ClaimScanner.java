package io.elavira.generate.internal;

import io.elavira.generate.ClaimFlag;
import io.elavira.generate.ClaimType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not API. Finds the claims of a text (capitalised names, years, degree words, numbers) and checks
 * each against a corpus of supporting texts, compared without accents or case.
 *
 * <p>Names: runs of capitalised words (joined by "de", "du", "of", "&"...) are supported when the
 * run appears in the corpus, or when each of its words does. The first word of a sentence is
 * capitalised by grammar, so it is checked only when it is an acronym or part of a longer run.
 * Degrees are compared by family (PhD = Doctorat, Licence = Bachelor, Master = MSc), so a faithful
 * translation is not flagged. Immutable and thread-safe.
 */
public final class ClaimScanner {
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’.-]*[\\p{L}]|[\\p{L}]");
  private static final Pattern YEAR = Pattern.compile("(?<![\\d\\p{L}])(?:19|20)\\d{2}(?![\\d])");
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\d\\p{L}.,])\\d{1,3}(?:[\\s\\u00a0\\u202f]\\d{3})+(?![\\d])|(?<![\\d\\p{L}.,])\\d+(?:[.,]\\d+)?(?![\\d\\p{L}])|(?<![\\d\\p{L}.,])\\d+(?=\\s?(?:k|K|M)\\b)");
  private static final Pattern STRIP =
      Pattern.compile(
          "[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+|https?://\\S+|www\\.\\S+|\\[[^\\]]*\\]\\([^)]*\\)"
              + "|\\+?\\d{1,3}(?:[ .\\u00a0-]\\d{2,3}){3,}");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;]\\s+|\\s[—–-]\\s");
  private static final Set<String> CONNECTORS =
      Set.of(
          "de", "du", "des", "d'", "la", "le", "les", "et", "&", "and", "of", "the", "von", "van",
          "y", "en", "l'");
  private static final Set<String> GENERIC =
      Set.of(
          "madame",
          "monsieur",
          "mesdames",
          "messieurs",
          "objet",
          "subject",
          "dear",
          "hello",
          "bonjour",
          "cordialement",
          "regards",
          "sincerely",
          "best",
          "kind",
          "je",
          "i",
          "nous",
          "we",
          "vous",
          "you",
          "candidature",
          "application",
          "cv",
          "re",
          "pj",
          "ps",
          "linkedin",
          "github",
          "email",
          "e-mail",
          "tel",
          "telephone",
          "phone",
          "lettre",
          "letter",
          "motivation",
          "cover",
          "experience",
          "experiences",
          "formation",
          "education",
          "competences",
          "skills",
          "langues",
          "languages",
          "projets",
          "projects",
          "profil",
          "profile",
          "resume",
          "summary",
          "contact",
          "references");
  private static final Set<String> MONTHS =
      Set.of(
          "janvier",
          "fevrier",
          "mars",
          "avril",
          "mai",
          "juin",
          "juillet",
          "aout",
          "septembre",
          "octobre",
          "novembre",
          "decembre",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "lundi",
          "mardi",
          "mercredi",
          "jeudi",
          "vendredi",
          "samedi",
          "dimanche",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday");
  private static final Map<String, String> DEGREES =
      Map.ofEntries(
          Map.entry("phd", "doctorate"),
          Map.entry("ph.d", "doctorate"),
          Map.entry("doctorat", "doctorate"),
          Map.entry("doctorate", "doctorate"),
          Map.entry("master", "master"),
          Map.entry("masters", "master"),
          Map.entry("master's", "master"),
          Map.entry("mastere", "master"),
          Map.entry("msc", "master"),
          Map.entry("licence", "bachelor"),
          Map.entry("bachelor", "bachelor"),
          Map.entry("bachelors", "bachelor"),
          Map.entry("bachelor's", "bachelor"),
          Map.entry("bsc", "bachelor"),
          Map.entry("mba", "mba"),
          Map.entry("bts", "bts"),
          Map.entry("dut", "dut"),
          Map.entry("baccalaureat", "bac"),
          Map.entry("bac", "bac"),
          Map.entry("deug", "deug"),
          Map.entry("dea", "dea"),
          Map.entry("dess", "dess"));

  private final String corpus;
  private final Set<String> words = new HashSet<>();
  private final Set<String> numbers = new HashSet<>();
  private final Set<String> degreeFamilies = new HashSet<>();

  /** A scanner whose claims are supported by {@code texts}. */
  public ClaimScanner(List<String> texts) {
    StringBuilder all = new StringBuilder(" ");
    for (String t : texts) {
      String n = TextNormal.of(t);
      all.append(n).append(" \n ");
      for (String w : n.split("[^\\p{L}\\d'.&-]+")) {
        String word = trimWord(w);
        if (!word.isEmpty()) {
          words.add(word);
          String family = DEGREES.get(word);
          if (family != null) {
            degreeFamilies.add(family);
          }
        }
      }
      Matcher m = NUMBER.matcher(STRIP.matcher(t).replaceAll(" "));
      while (m.find()) {
        numbers.add(number(m.group()));
      }
      Matcher y = YEAR.matcher(t);
      while (y.find()) {
        numbers.add(y.group());
      }
    }
    if (all.indexOf("ph.d") >= 0 || all.indexOf("ph. d") >= 0) {
      degreeFamilies.add("doctorate");
    }
    this.corpus = all.toString();
  }

  /** The claims of {@code text} that the corpus does not support, in reading order. */
  public List<ClaimFlag> scan(String text) {
    Set<String> seen = new LinkedHashSet<>();
    List<ClaimFlag> flags = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = markdown(lines[i]);
      if (line.isBlank()) {
        continue;
      }
      for (String sentence : sentences(line)) {
        scanSentence(sentence, i + 1, seen, flags);
      }
    }
    return flags;
  }

  private void scanSentence(
      String sentence, int line, Set<String> seen, List<ClaimFlag> sentenceFlags) {
    List<Map.Entry<Integer, ClaimFlag>> found = new ArrayList<>();
    scanSentence(sentence, line, found);
    found.sort(Map.Entry.comparingByKey());
    found.forEach(e -> add(sentenceFlags, seen, e.getValue()));
  }

  private void scanSentence(String sentence, int line, List<Map.Entry<Integer, ClaimFlag>> flags) {
    String clean = STRIP.matcher(sentence).replaceAll(" ");
    String context = sentence.strip();
    // Dates
    Matcher y = YEAR.matcher(clean);
    Set<Integer> yearStarts = new HashSet<>();
    while (y.find()) {
      yearStarts.add(y.start());
      if (!numbers.contains(y.group())) {
        flags.add(Map.entry(y.start(), new ClaimFlag(ClaimType.DATE, y.group(), line, context)));
      }
    }
    // Figures
    Matcher n = NUMBER.matcher(clean);
    while (n.find()) {
      if (yearStarts.contains(n.start())) {
        continue;
      }
      String value = number(n.group());
      if (!numbers.contains(value)) {
        flags.add(
            Map.entry(
                n.start(), new ClaimFlag(ClaimType.FIGURE, n.group().strip(), line, context)));
      }
    }
    // Degrees and names
    Matcher w = WORD.matcher(clean);
    List<String> run = new ArrayList<>();
    List<String> pendingConnectors = new ArrayList<>();
    boolean runAtStart = false;
    int runStart = 0;
    boolean first = true;
    while (w.find()) {
      String token = w.group();
      String norm = trimWord(TextNormal.of(token));
      String family = DEGREES.get(norm);
      if (family == null && norm.startsWith("ph.d")) {
        family = "doctorate";
      }
      if (family != null && !degreeFamilies.contains(family)) {
        flags.add(Map.entry(w.start(), new ClaimFlag(ClaimType.DEGREE, token, line, context)));
      }
      boolean capital = Character.isUpperCase(token.codePointAt(0));
      if (capital && family == null && !MONTHS.contains(norm)) {
        if (run.isEmpty()) {
          runAtStart = first;
          runStart = w.start();
        } else {
          run.addAll(pendingConnectors);
        }
        pendingConnectors.clear();
        run.add(token);
      } else if (!run.isEmpty() && CONNECTORS.contains(norm) && pendingConnectors.isEmpty()) {
        pendingConnectors.add(token);
      } else {
        checkName(run, runAtStart, runStart, line, context, flags);
        run = new ArrayList<>();
        pendingConnectors.clear();
      }
      first = false;
    }
    checkName(run, runAtStart, runStart, line, context, flags);
  }

  private void checkName(
      List<String> run,
      boolean atStart,
      int position,
      int line,
      String context,
      List<Map.Entry<Integer, ClaimFlag>> flags) {
    if (run.isEmpty()) {
      return;
    }
    List<String> tokens = new ArrayList<>(run);
    if (atStart) {
      String head = tokens.get(0);
      if (tokens.size() == 1 && !isAcronym(head)) {
        return;
      }
      if (!isAcronym(head)) {
        tokens.remove(0);
        while (!tokens.isEmpty() && CONNECTORS.contains(TextNormal.of(tokens.get(0)))) {
          tokens.remove(0);
        }
      }
    }
    if (tokens.isEmpty()) {
      return;
    }
    String phrase = String.join(" ", tokens);
    String norm = TextNormal.of(phrase);
    if (phraseFound(norm)) {
      return;
    }
    boolean allFound = true;
    for (String t : tokens) {
      String tn = trimWord(TextNormal.of(t));
      if (CONNECTORS.contains(tn) || GENERIC.contains(tn) || tn.length() < 2) {
        continue;
      }
      if (!words.contains(tn) && !partsFound(tn)) {
        allFound = false;
        break;
      }
    }
    if (!allFound) {
      flags.add(Map.entry(position, new ClaimFlag(ClaimType.NAME, phrase, line, context)));
    }
  }

  private boolean phraseFound(String norm) {
    Pattern p = Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(norm) + "(?![\\p{L}\\d])");
    return p.matcher(corpus).find();
  }

  /** "Paris-Saclay" is supported when "paris" and "saclay" are; "l'Université" by "université". */
  private boolean partsFound(String token) {
    String t = token.replaceFirst("^[a-z]'", "");
    if (words.contains(t)) {
      return true;
    }
    String[] parts = t.split("[-.']");
    if (parts.length < 2) {
      return false;
    }
    for (String p : parts) {
      if (!p.isEmpty() && !words.contains(p)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAcronym(String token) {
    int upper = 0;
    for (int i = 0; i < token.length(); i++) {
      if (Character.isUpperCase(token.charAt(i))) {
        upper++;
      }
    }
    return upper >= 2;
  }

  private static void add(List<ClaimFlag> flags, Set<String> seen, ClaimFlag flag) {
    if (seen.add(flag.type() + "\n" + TextNormal.of(flag.claim()) + "\n" + flag.line())) {
      flags.add(flag);
    }
  }

  private static List<String> sentences(String line) {
    List<String> out = new ArrayList<>();
    Matcher m = SENTENCE_END.matcher(line);
    int from = 0;
    while (m.find()) {
      out.add(line.substring(from, m.start() + 1));
      from = m.end();
    }
    out.add(line.substring(from));
    return out;
  }

  /** A line without its Markdown marks: headings, bullets, emphasis, quotes. */
  private static String markdown(String line) {
    return line.replaceAll("^\\s*(?:#+|>|[-*+•]|\\d+[.)])\\s+", "")
        .replace("**", "")
        .replace("__", "")
        .replaceAll("(?<![\\p{L}\\d])[*_](?=\\S)|(?<=\\S)[*_](?![\\p{L}\\d])", "");
  }

  private static String trimWord(String w) {
    String s = w.replace('’', '\'');
    s = s.replaceAll("^['.&-]+|['.&-]+$", "");
    if (s.endsWith("'s")) {
      s = s.substring(0, s.length() - 2);
    }
    return s;
  }

  private static String number(String raw) {
    return raw.replaceAll("[\\s\\u00a0\\u202f]", "").replace(',', '.');
  }
}
