package io.elavira.generate.internal;

import io.elavira.generate.Fact;
import io.elavira.generate.ProfileSection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Reads a CV's usual sections without a model: the name and contact lines above the first
 * section, then the sections under their French or English headings (Expérience professionnelle /
 * Experience, Formation / Education, Compétences / Skills, Langues / Languages, Projets /
 * Projects), entries with their periods ({@link DateRanges}) and bullet points. A document with no
 * such heading gives no fact: notes and chat exports are not read as CVs. Stateless.
 */
public final class CvRules {
  private static final Map<String, ProfileSection> HEADINGS =
      headings(
          Map.of(
              ProfileSection.EXPERIENCE,
              List.of(
                  "experience professionnelle",
                  "experiences professionnelles",
                  "experience",
                  "experiences",
                  "parcours professionnel",
                  "work experience",
                  "professional experience",
                  "employment",
                  "employment history"),
              ProfileSection.EDUCATION,
              List.of(
                  "formation",
                  "formations",
                  "education",
                  "diplomes",
                  "etudes",
                  "academic background"),
              ProfileSection.SKILL,
              List.of(
                  "competences",
                  "competences techniques",
                  "skills",
                  "technical skills",
                  "savoir-faire"),
              ProfileSection.LANGUAGE,
              List.of("langues", "languages", "langues parlees"),
              ProfileSection.PROJECT,
              List.of(
                  "projets",
                  "projects",
                  "projets personnels",
                  "personal projects",
                  "side projects")));

  private static final Set<String> ROLE_WORDS =
      Set.of(
          "ingenieur",
          "ingenieure",
          "engineer",
          "developpeur",
          "developpeuse",
          "developer",
          "manager",
          "chef",
          "cheffe",
          "responsable",
          "consultant",
          "consultante",
          "stagiaire",
          "intern",
          "internship",
          "stage",
          "lead",
          "architecte",
          "architect",
          "analyste",
          "analyst",
          "scientist",
          "directeur",
          "directrice",
          "director",
          "head",
          "designer",
          "technicien",
          "technicienne",
          "assistant",
          "assistante",
          "charge",
          "chargee",
          "alternant",
          "alternante",
          "apprenti",
          "apprentie",
          "officer",
          "specialist",
          "administrateur",
          "administratrice",
          "administrator",
          "devops",
          "cto",
          "ceo",
          "fondateur",
          "fondatrice",
          "founder",
          "professeur",
          "teacher",
          "enseignant",
          "enseignante",
          "programmer",
          "programmeur",
          "programmeuse",
          "product",
          "owner");
  private static final Set<String> DEGREE_WORDS =
      Set.of(
          "master",
          "mastere",
          "licence",
          "bachelor",
          "bts",
          "dut",
          "but",
          "phd",
          "doctorat",
          "doctorate",
          "mba",
          "msc",
          "bsc",
          "diplome",
          "diploma",
          "degree",
          "ingenieur",
          "baccalaureat",
          "bac",
          "cap",
          "certificat",
          "certificate",
          "deug",
          "dea",
          "dess",
          "cpge");
  private static final Pattern BULLET = Pattern.compile("^(?:[-*•–·]|\\d+[.)])\\s+");
  static final Pattern STRONG = Pattern.compile("\\s+(?:[—–|@-]|chez|at)\\s+");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d .\\u00a0-]{7,}\\d");
  private static final Pattern LINK =
      Pattern.compile("(?i)(?:https?://\\S+|www\\.\\S+|(?:linkedin|github|gitlab)\\.\\S+)");
  private static final Pattern CONTACT_SPLIT = Pattern.compile("\\s+[·|•]\\s+|\\s{2,}");
  static final Pattern LABEL = Pattern.compile("^([^:]{1,40}?)\\s*:\\s*(.+)$");

  private CvRules() {}

  private static Map<String, ProfileSection> headings(Map<ProfileSection, List<String>> names) {
    Map<String, ProfileSection> byName = new HashMap<>();
    names.forEach((section, list) -> list.forEach(n -> byName.put(n, section)));
    return Map.copyOf(byName);
  }

  /** The section a heading line opens, or null when the line is not a known CV heading. */
  static @Nullable ProfileSection headingOf(String line) {
    String key = TextNormal.of(line).replaceAll("^#+\\s*", "").replaceAll("[\\s:]+$", "");
    return HEADINGS.get(key);
  }

  /** The facts of one document's lines; empty when it has no CV section heading. */
  public static List<Fact> read(List<SourceLines.Line> lines) {
    boolean cv = lines.stream().anyMatch(l -> headingOf(l.text()) != null);
    if (!cv) {
      return List.of();
    }
    List<Fact> facts = new ArrayList<>();
    readHeader(lines, facts);
    ProfileSection current = null;
    int currentDepth = 0;
    CvEntry entry = null;
    for (SourceLines.Line line : lines) {
      String text = line.text().replaceAll("^#+\\s*", "");
      ProfileSection opened = headingOf(text);
      int depth = headingDepth(line, text);
      if (opened != null) {
        flush(current, entry, facts);
        entry = null;
        current = opened;
        currentDepth = depth;
        continue;
      }
      if (current == null) {
        continue;
      }
      if (depth > 0 && depth <= currentDepth) {
        flush(current, entry, facts); // another section we do not read ("Centres d'intérêt")
        entry = null;
        current = null;
        continue;
      }
      Matcher bullet = BULLET.matcher(text);
      boolean isBullet = bullet.find();
      String body = strip(isBullet ? text.substring(bullet.end()) : text);
      if (body.isEmpty()) {
        continue;
      }
      switch (current) {
        case EXPERIENCE, EDUCATION -> {
          if (isBullet && entry != null) {
            entry.details.add(body);
          } else if (entry != null && entry.period == null && onlyPeriod(body)) {
            entry.setPeriod(body);
            entry.lines.add(body);
          } else {
            flush(current, entry, facts);
            entry = new CvEntry(body, line);
          }
        }
        case SKILL -> facts.addAll(skills(body, line));
        case LANGUAGE -> facts.addAll(languages(body, line));
        case PROJECT -> {
          if (isBullet && entry != null && !body.contains(":")) {
            entry.details.add(body);
          } else {
            flush(current, entry, facts);
            entry = new CvEntry(body, line);
          }
        }
        default -> {}
      }
    }
    flush(current, entry, facts);
    return facts;
  }

  /** The depth of a heading line in its chunk's heading path, 0 when it is not a heading there. */
  private static int headingDepth(SourceLines.Line line, String text) {
    if (line.section() == null) {
      return 0;
    }
    String[] path = line.section().split(" > ");
    for (int i = 0; i < path.length; i++) {
      if (path[i].strip().equals(text)) {
        return i + 1;
      }
    }
    return 0;
  }

  private static void readHeader(List<SourceLines.Line> lines, List<Fact> facts) {
    boolean named = false;
    boolean headlined = false;
    for (SourceLines.Line line : lines) {
      String text = strip(line.text().replaceAll("^#+\\s*", ""));
      if (headingOf(text) != null) {
        return;
      }
      boolean contact = false;
      for (String part : CONTACT_SPLIT.split(text)) {
        String p = strip(part);
        String type = null;
        if (EMAIL.matcher(p).find()) {
          type = "email";
        } else if (LINK.matcher(p).find()) {
          type = "link";
        } else if (PHONE.matcher(p).matches()) {
          type = "phone";
        } else if (contact || (named && headlined && p.length() < 60 && !p.matches(".*\\d.*"))) {
          type = "location";
        }
        if (type != null) {
          contact = true;
          facts.add(
              fact(
                  ProfileSection.CONTACT,
                  p,
                  Map.of(Fact.CONTACT_TYPE, type, Fact.VALUE, p),
                  List.of(),
                  line));
        }
      }
      if (contact) {
        continue;
      }
      if (!named && text.split("\\s+").length <= 5 && !text.matches(".*\\d.*")) {
        facts.add(fact(ProfileSection.IDENTITY, text, Map.of(Fact.NAME, text), List.of(), line));
        named = true;
      } else if (named && !headlined && text.length() <= 120) {
        facts.add(
            fact(ProfileSection.IDENTITY, text, Map.of(Fact.HEADLINE, text), List.of(), line));
        headlined = true;
      }
    }
  }

  private static boolean onlyPeriod(String body) {
    DateRanges.Period p = DateRanges.find(body);
    if (p == null) {
      return false;
    }
    String rest = body.substring(0, p.from()) + body.substring(p.to());
    return rest.replaceAll("[^\\p{L}]", "").length() < 3;
  }

  private static void flush(
      @Nullable ProfileSection section, @Nullable CvEntry entry, List<Fact> facts) {
    if (section == null || entry == null) {
      return;
    }
    switch (section) {
      case EXPERIENCE -> facts.add(entry.toFact(ProfileSection.EXPERIENCE, ROLE_WORDS));
      case EDUCATION -> facts.add(entry.toFact(ProfileSection.EDUCATION, DEGREE_WORDS));
      case PROJECT -> facts.add(entry.project());
      default -> {}
    }
  }

  private static List<Fact> skills(String body, SourceLines.Line line) {
    Matcher labelled = LABEL.matcher(body);
    String category = labelled.matches() ? strip(labelled.group(1)) : null;
    String items = labelled.matches() ? labelled.group(2) : body;
    List<Fact> out = new ArrayList<>();
    for (String item : items.split("\\s*[,;·]\\s*")) {
      String s = strip(item);
      if (s.isEmpty()) {
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put(Fact.NAME, s);
      if (category != null) {
        fields.put(Fact.LEVEL, category);
      }
      out.add(fact(ProfileSection.SKILL, s, fields, List.of(), line));
    }
    return out;
  }

  private static List<Fact> languages(String body, SourceLines.Line line) {
    List<Fact> out = new ArrayList<>();
    for (String item : body.split("\\s*[;·]\\s*|,\\s+(?=\\p{Lu})")) {
      String s = strip(item);
      if (s.isEmpty()) {
        continue;
      }
      String name = s;
      String level = null;
      Matcher labelled = LABEL.matcher(s);
      Matcher paren = Pattern.compile("^([^()]+?)\\s*\\(([^)]+)\\)\\s*$").matcher(s);
      if (labelled.matches()) {
        name = strip(labelled.group(1));
        level = strip(labelled.group(2));
      } else if (paren.matches()) {
        name = strip(paren.group(1));
        level = strip(paren.group(2));
      } else {
        String[] parts = s.split("\\s+[—–-]\\s+", 2);
        if (parts.length == 2) {
          name = strip(parts[0]);
          level = strip(parts[1]);
        }
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put(Fact.NAME, name);
      if (level != null) {
        fields.put(Fact.LEVEL, level);
      }
      out.add(fact(ProfileSection.LANGUAGE, s, fields, List.of(), line));
    }
    return out;
  }

  static Fact fact(
      ProfileSection section,
      String text,
      Map<String, String> fields,
      List<String> details,
      SourceLines.Line line) {
    return new Fact(
        TextNormal.id(section + "|" + TextNormal.of(text)),
        section,
        text,
        fields,
        details,
        line.lineSource(),
        false);
  }

  /** Markdown emphasis and trailing punctuation removed. */
  static String strip(String s) {
    return s.replace("**", "").replace("__", "").replace("`", "").strip();
  }
}
