package io.elavira.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@link InjectionDetector}, English and French, written against {@link
 * InjectionText#fold folded} text (lower case, no accents, plain apostrophes). Each rule is a
 * signal with a weight: strong signals (an order to ignore earlier instructions, a request for the
 * system prompt, a note addressed to the AI reading a document) reach the threshold alone; weaker
 * ones (a role change, "without restrictions", a fake chat delimiter) need company.
 */
final class InjectionRules {

  /**
   * One signal.
   *
   * @param id category and language, e.g. {@code "override.en"}
   * @param weight in (0, 1]
   * @param pattern matched with {@code find()} on each form of the text
   * @param triggers the pattern can only match a text holding, for each group, one of its words: a
   *     cheap pre-check that spares running most patterns on most texts
   */
  record Rule(String id, double weight, Pattern pattern, List<List<String>> triggers) {
    /** Whether the pattern is worth running on a text holding these words. */
    boolean mayMatch(Set<String> words) {
      for (List<String> group : triggers) {
        if (group.stream().noneMatch(words::contains)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Up to five words between two parts of a phrase. */
  private static final String GAP = "(?:\\W+[\\w']+){0,5}?\\W+";

  private static final String EN_DROP =
      "(?:ignore|ignoring|disregard|disregarding|forget|forgetting|skip|bypass|override|overlook"
          + "|neglect|discard|abandon|dismiss|drop|delete|erase|clear)";
  private static final String EN_EARLIER =
      "(?:previous|previously|prior|above|earlier|preceding|foregoing|former|initial|original"
          + "|old|all|any|every|your|these|those|system|given|existing|default|safety|ethical)";
  private static final String EN_ORDERS =
      "(?:instructions?|prompts?|rules|directions?|guidelines|directives?|commands?|orders"
          + "|context|constraints|restrictions|guardrails|programming|training|tasks?"
          + "|assignments?|policies|filters?)";

  private static final String[] EN_ORDER_WORDS = {
    "instruction", "instructions", "prompt", "prompts", "rules", "direction", "directions",
    "guidelines", "directive", "directives", "command", "commands", "orders", "context",
    "constraints", "restrictions", "guardrails", "programming", "training", "task", "tasks",
    "assignment", "assignments", "policies", "filter", "filters"
  };

  private static final String FR_DROP =
      "(?:ignore|ignores|ignorez|ignorer|ignorons|oublie|oublies|oubliez|oublier|oublions"
          + "|neglige|negligez|negliger|outrepasse|outrepassez|outrepasser|contourne|contournez"
          + "|annule|annulez|efface|effacez|abandonne|abandonnez|ecarte|ecartez"
          + "|ne (?:tiens|tenez|tenir) (?:pas|plus|aucun) compte (?:de|des|du|d')"
          + "|(?:fais|faites|faire) abstraction (?:de|des|du|d'))";
  private static final String FR_EARLIER =
      "(?:precedente?s?|anterieure?s?|ci-dessus|d'avant|initiale?s?|originale?s?|d'origine"
          + "|du systeme|systeme|toute?s?|tous|tes|vos|ton|ta|votre|ces|les dernieres)";
  private static final String FR_EARLIER_AFTER =
      "(?:precedente?s?|anterieure?s?|ci-dessus|d'avant|initiale?s?|originale?s?|d'origine"
          + "|du systeme|systeme|(?:qu'on|que l'on|que je) (?:t'a|t'ai|vous a) (?:donnee?s?|dite?s?)"
          + "|recue?s?|donnee?s?)";
  private static final String FR_ORDERS =
      "(?:instructions?|consignes?|directives?|prompts?|ordres?|indications?|programmation"
          + "|regles|contraintes|restrictions|limites|taches?|messages?)";
  private static final String[] FR_ORDER_WORDS = {
    "instruction", "instructions", "consigne", "consignes", "directive", "directives", "prompt",
    "prompts", "ordre", "ordres", "indication", "indications", "programmation", "regles",
    "contraintes", "restrictions", "limites", "tache", "taches", "message", "messages"
  };

  private static final String[] AI_WORDS = {
    "ai",
    "ia",
    "llm",
    "assistant",
    "assistante",
    "chatbot",
    "bot",
    "robot",
    "language",
    "modele",
    "intelligence",
    "gpt",
    "chatgpt",
    "claude",
    "mistral"
  };

  private static final String AI =
      "(?:ai|a\\.i\\.|ia|llm|assistant|assistante|chatbot|bot|robot|language model"
          + "|modele(?: de langage)?|intelligence artificielle|gpt|chatgpt|claude|mistral)";

  static final List<Rule> ALL =
      List.of(
          // Orders to drop what came before.
          rule(
              "override.en",
              0.9,
              "\\b" + EN_DROP + GAP + EN_EARLIER + "(?:" + GAP + ")?" + EN_ORDERS + "\\b",
              EN_ORDER_WORDS),
          rule(
              "override.en",
              0.9,
              "\\b"
                  + EN_DROP
                  + "\\W+(?:all\\W+)?(?:of\\W+)?(?:the\\W+|what\\W+(?:is|was)\\W+)?(?:above|foregoing|previous|before)\\b",
              "above",
              "foregoing",
              "previous",
              "before"),
          rule(
              "override.en",
              0.7,
              "\\b(?:forget|ignore|disregard)\\W+(?:about\\W+)?(?:everything|all\\W+that|anything)\\b"),
          rule("override.en", 0.6, "\\bstop\\W+everything\\b"),
          rule(
              "override.fr",
              0.9,
              "\\b" + FR_DROP + GAP + FR_EARLIER + "(?:" + GAP + ")?" + FR_ORDERS + "\\b",
              FR_ORDER_WORDS),
          rule(
              "override.fr",
              0.9,
              "\\b"
                  + FR_DROP
                  + "\\W+(?:tout\\W+)?(?:ce\\W+qui\\W+precede|ce\\W+qui\\W+est\\W+(?:ecrit\\W+)?(?:au-dessus|ci-dessus)|ce\\W+(?:que\\W+|qu')?(?:je\\W+t'ai|on\\W+t'a|l'on\\W+t'a|on\\W+vous\\W+a)\\W+dit)",
              "precede",
              "dessus",
              "dit"),
          rule(
              "override.fr",
              0.9,
              "\\b" + FR_DROP + GAP + FR_ORDERS + "\\W+(?:[\\w']+\\W+)?" + FR_EARLIER_AFTER + "\\b",
              FR_ORDER_WORDS),
          rule(
              "override.fr",
              0.7,
              "\\boubli(?:e|es|ez|er|ons)\\W+(?:absolument\\W+|donc\\W+)?tout\\b",
              "tout"),
          // New orders in place of the old ones.
          rule(
              "newtask.en",
              0.45,
              "\\b(?:new|real|actual|updated|true|revised|secret)\\W+(?:instructions?|tasks?|assignment|directives?|system\\W+prompt|orders|objective)\\b"),
          rule(
              "newtask.en",
              0.6,
              "\\byour\\W+(?:new\\W+|real\\W+|only\\W+|next\\W+)?(?:task|job|goal|role|purpose|objective|mission)\\W+(?:is|now\\W+is|will\\W+be|from\\W+now)\\b"),
          rule(
              "newtask.en",
              0.4,
              "\\bnow\\W+(?:focus\\W+on|concentrate\\W+on|do\\W+the\\W+following)\\b"),
          rule(
              "newtask.fr",
              0.45,
              "\\b(?:nouvelles?|vraies?|veritables?|nouveaux?)\\W+(?:instructions?|consignes?|directives?|taches?)\\b",
              "instruction",
              "instructions",
              "consigne",
              "consignes",
              "directive",
              "directives",
              "tache",
              "taches"),
          rule(
              "newtask.fr",
              0.6,
              "\\b(?:ta|votre)\\W+(?:nouvelle\\W+|vraie\\W+|seule\\W+)?(?:tache|mission|role|consigne)\\W+(?:est|sera|consiste|desormais)\\b",
              "tache",
              "mission",
              "role",
              "consigne"),
          // Taking on another role.
          rule(
              "role.en",
              0.55,
              "\\byou\\W+are\\W+(?:now|no\\W+longer|henceforth|going\\W+to\\W+(?:act|pretend|be\\W+(?:an?|my)))\\b"),
          rule("role.en", 0.35, "\\bfrom\\W+now\\W+on\\b"),
          rule(
              "role.en",
              0.45,
              "\\b(?:act|behave|respond|answer|reply)\\W+(?:as\\W+if\\W+you\\W+(?:were|are)|as\\W+an?|like\\W+an?)\\b"),
          rule("role.en", 0.55, "\\bpretend\\W+(?:to\\W+be|you\\W+(?:are|were|have|can))\\b"),
          rule(
              "role.en",
              0.4,
              "\\brole[-\\W]?play(?:ing)?\\b|\\bstay\\W+in\\W+character\\b|\\bin\\W+character\\b",
              "play",
              "playing",
              "roleplay",
              "roleplaying",
              "character"),
          rule(
              "role.en",
              0.5,
              "\\bi\\W+want\\W+you\\W+to\\W+(?:act|pretend|be|respond|answer|simulate|behave|become)\\b",
              "want"),
          rule(
              "role.fr",
              0.55,
              "\\b(?:tu\\W+es|vous\\W+etes|t'es)\\W+(?:maintenant|desormais|a\\W+present|dorenavant|a\\W+partir\\W+de\\W+maintenant)\\b",
              "maintenant",
              "desormais",
              "present",
              "dorenavant"),
          rule(
              "role.fr",
              0.5,
              "\\ba\\W+partir\\W+de\\W+maintenant\\W+(?:tu|vous)\\b|\\b(?:tu\\W+n'es|vous\\W+n'etes)\\W+plus\\W+(?:un|une|l')",
              "maintenant",
              "plus"),
          rule(
              "role.fr",
              0.45,
              "\\b(?:agis|agissez|agir|comporte-toi|comportez-vous|reponds|repondez)\\W+(?:comme\\W+(?:si|un|une)|en\\W+tant\\W+qu)",
              "comme",
              "tant"),
          rule(
              "role.fr",
              0.55,
              "\\b(?:fais|faites|faire)\\W+semblant\\b|\\bjoue(?:z|r)?\\W+le\\W+role\\b",
              "semblant",
              "role"),
          rule(
              "role.fr",
              0.5,
              "\\bje\\W+veux\\W+que\\W+(?:tu|vous)\\W+(?:agisses|agissiez|joues|jouiez|fasses|fassiez|te\\W+comportes|vous\\W+comportiez|sois|soyez|deviennes|deveniez|incarnes|incarniez)\\b",
              "veux"),
          // Jailbreak personas and modes.
          rule("jailbreak.en", 0.8, "\\bdo\\W+anything\\W+now\\b"),
          rule("jailbreak.en", 0.4, "\\bdan\\b"),
          rule(
              "jailbreak.en",
              0.7,
              "\\b(?:developer|dev|god|jailbreak|jailbroken|unrestricted|unfiltered|evil|debug|sudo|admin|uncensored)\\W+mode\\b",
              "mode"),
          rule(
              "jailbreak.en",
              0.6,
              "\\bjailbr(?:eak|eaks|oken|eaking)\\b",
              "jailbreak",
              "jailbreaks",
              "jailbroken",
              "jailbreaking"),
          rule(
              "jailbreak.en",
              0.45,
              "\\b(?:without|no|free\\W+(?:of|from)|beyond|ignore)\\W+(?:any\\W+|all\\W+)?(?:restrictions?|limitations?|filters?|filtering|censorship|morals?|ethics|ethical\\W+guidelines|boundaries)\\b"),
          rule(
              "jailbreak.en",
              0.45,
              "\\b(?:openai|anthropic|content|usage)\\W+polic(?:y|ies)\\b",
              "policy",
              "policies"),
          rule(
              "jailbreak.en",
              0.35,
              "\\b(?:two|2)\\W+(?:different\\W+)?(?:separate\\W+)?(?:ways|responses|answers|paragraphs)\\b",
              "ways",
              "responses",
              "answers",
              "paragraphs"),
          rule(
              "jailbreak.en",
              0.5,
              "\\[(?:gpt|jailbreak|dan|classic|normal|developer)[^\\]]{0,20}\\]",
              "gpt",
              "jailbreak",
              "dan",
              "classic",
              "normal",
              "developer"),
          rule(
              "jailbreak.en",
              0.4,
              "\\b(?:broken|break)\\W+free\\b|\\bfreed\\W+from\\b|\\bno\\W+longer\\W+(?:bound|restricted|have\\W+to\\W+(?:abide|follow))\\b"),
          rule(
              "jailbreak.fr",
              0.7,
              "\\bmode\\W+(?:developpeur|dev|debug|dieu|libre|sans\\W+(?:filtre|restriction|limite|censure))\\b"),
          rule(
              "jailbreak.fr",
              0.45,
              "\\bsans\\W+(?:aucune?\\W+)?(?:restrictions?|limites?|limitations?|filtres?|censure|morale|ethique|contraintes?)\\b"),
          rule("jailbreak.fr", 0.5, "\\bdebride(?:e|s)?\\b", "debride", "debridee", "debrides"),
          // Asking for the system prompt or hidden instructions.
          rule(
              "exfiltration.en",
              0.9,
              "\\b(?:reveal|show|print|repeat|output|display|tell|give|list|write|spell|leak|share|dump|return|recite|what\\W+(?:is|are|were))\\b"
                  + GAP
                  + "(?:your|the)\\W+(?:\\w+\\W+)?(?:system\\W+prompt|initial\\W+prompt|original\\W+prompt|hidden\\W+prompt|secret\\W+prompt|pre-?prompt|system\\W+message|initial\\W+instructions|original\\W+instructions|hidden\\W+instructions)\\b",
              "prompt",
              "preprompt",
              "message",
              "instructions"),
          rule(
              "exfiltration.en",
              0.45,
              "\\byour\\W+(?:\\w+\\W+)?(?:prompts?|instructions|guidelines|rules)\\b",
              "prompt",
              "prompts",
              "instructions",
              "guidelines",
              "rules"),
          rule(
              "exfiltration.en",
              0.5,
              "\\b(?:system|initial|hidden|secret)\\W+(?:prompt|instructions)\\b",
              "prompt",
              "instructions"),
          rule(
              "exfiltration.en",
              0.7,
              "\\b(?:repeat|print|output|reveal|echo|copy)\\W+(?:all\\W+|everything\\W+|the\\W+)?(?:text|words|lines|everything)?\\W*(?:above|before\\W+this)\\b",
              "above",
              "before"),
          rule(
              "exfiltration.en",
              0.35,
              "\\b(?:reveal|tell|give|spell|leak)\\b"
                  + GAP
                  + "(?:the\\W+)?(?:secret|password|passphrase|api\\W+key)\\b",
              "secret",
              "password",
              "passphrase",
              "key"),
          rule(
              "exfiltration.fr",
              0.9,
              "\\b(?:revele|revelez|reveler|montre|montrez|montrer|affiche|affichez|afficher|donne|donnez|donner|repete|repetez|repeter|ecris|ecrivez|recopie|recopiez|dis|dites|imprime|imprimez|divulgue|divulguez|communique|communiquez|quel(?:le)?s?\\W+(?:est|sont))(?:-moi|-nous)?"
                  + GAP
                  + "(?:ton|ta|tes|votre|vos|le|les)\\W+(?:\\w+\\W+)?(?:prompt|instructions|consignes|directives|message\\W+systeme)(?:\\W+(?:systeme|initiale?s?|cachee?s?|secrete?s?|d'origine))?\\b",
              "prompt",
              "instructions",
              "consignes",
              "directives",
              "message"),
          rule(
              "exfiltration.fr",
              0.6,
              "\\b(?:prompt|message|instructions?|consignes?)\\W+(?:du\\W+)?systeme\\b|\\b(?:prompt|instructions|consignes)\\W+(?:initiale?s?|cachee?s?|secrete?s?|d'origine)\\b"),
          rule(
              "exfiltration.fr",
              0.45,
              "\\b(?:ton|votre)\\W+prompt\\b|\\b(?:tes|vos)\\W+(?:instructions|consignes|directives)\\b",
              "prompt",
              "instructions",
              "consignes",
              "directives"),
          // Fake chat-format delimiters and data-block ends.
          rule(
              "delimiter.any",
              0.6,
              "<\\|?\\W*(?:im_start|im_end|system|endoftext|eot_id|start_header_id|end_header_id)\\W*\\|?>|\\[/?inst\\]|\\[/?system\\]|<</?sys>>",
              "im",
              "system",
              "endoftext",
              "eot",
              "start",
              "end",
              "inst",
              "sys"),
          rule(
              "delimiter.any",
              0.5,
              "</?\\s*(?:system|passage|instructions?|context|documents?|user|assistant)\\s*>",
              "system",
              "passage",
              "instruction",
              "instructions",
              "context",
              "document",
              "documents",
              "user",
              "assistant"),
          rule(
              "delimiter.any",
              0.45,
              "(?:^|\\n|\\s)#{2,}\\s*(?:system|instruction|instructions|new instructions|assistant|consignes?)\\b",
              "system",
              "instruction",
              "instructions",
              "assistant",
              "consigne",
              "consignes"),
          rule(
              "delimiter.any",
              0.4,
              "(?:^|[\\n.!?]\\s*)(?:system|assistant)\\s*:",
              "system",
              "assistant"),
          rule(
              "delimiter.any",
              0.4,
              "\\bend\\W+of\\W+(?:the\\W+)?(?:document|context|passage|input|text|prompt)\\b|\\bfin\\W+du\\W+(?:document|contexte|passage|texte)\\b",
              "document",
              "context",
              "contexte",
              "passage",
              "input",
              "text",
              "texte",
              "prompt"),
          // Notes addressed to the model that reads a document.
          rule(
              "hidden.en",
              0.8,
              "\\b(?:if\\W+you\\W+are|attention|note\\W+to|message\\W+(?:to|for)|instructions?\\W+(?:to|for)|dear)\\W+(?:an?\\W+|the\\W+|all\\W+)?"
                  + AI
                  + "s?\\b",
              AI_WORDS),
          rule(
              "hidden.en",
              0.8,
              "\\b"
                  + AI
                  + "s?\\W+(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing)\\W+this\\b",
              "reading",
              "processing",
              "summarizing",
              "summarising",
              "parsing",
              "analyzing",
              "analysing"),
          rule(
              "hidden.en",
              0.7,
              "\\b(?:do\\W+not|don't|never)\\W+(?:tell|inform|mention|reveal|show|warn)\\b"
                  + GAP
                  + "(?:the\\W+)?user\\b",
              "user"),
          rule(
              "hidden.fr",
              0.8,
              "\\b(?:si\\W+(?:tu\\W+es|vous\\W+etes)|note\\W+(?:pour|a|aux?)|message\\W+(?:pour|a|aux?)|attention|consigne\\W+pour)\\W+(?:une?\\W+|l'|la\\W+|le\\W+|les\\W+)?"
                  + AI
                  + "s?\\b",
              AI_WORDS),
          rule(
              "hidden.fr",
              0.7,
              "\\bne\\W+(?:le\\W+|lui\\W+)?(?:dis|dites|mentionne|mentionnez|revele|revelez|signale|signalez)\\W+(?:pas|jamais|rien)\\W+(?:a\\W+)?l'utilisat(?:eur|rice)\\b",
              "utilisateur",
              "utilisatrice"),
          // Taking over the output.
          rule(
              "hijack.en",
              0.45,
              "\\b(?:instead|rather)\\W*,?\\W+(?:just\\W+)?(?:say|write|print|output|respond|reply|answer|tell)\\b"),
          rule(
              "hijack.en",
              0.45,
              "\\b(?:just|simply|only)\\W+(?:say|print|output|write|respond\\W+with|reply\\W+with)\\b",
              "say",
              "print",
              "output",
              "write",
              "respond",
              "reply"),
          rule(
              "hijack.en",
              0.35,
              "\\b(?:respond|reply|answer)\\W+(?:only\\W+)?with\\W+(?:only\\W+)?[\"']|\\band\\W+nothing\\W+else\\b",
              "with",
              "nothing"),
          rule(
              "hijack.fr",
              0.45,
              "\\b(?:reponds|repondez|contente-toi|contentez-vous)\\W+(?:uniquement|seulement|simplement)\\W+(?:par|avec|de)\\b",
              "uniquement",
              "seulement",
              "simplement"),
          rule(
              "hijack.fr",
              0.45,
              "\\b(?:dis|dites|ecris|ecrivez|affiche|affichez|imprime|imprimez)\\W+(?:simplement|seulement|uniquement|juste)\\b|\\bau\\W+lieu\\W+de\\W+(?:cela|ca|repondre)\\b",
              "simplement",
              "seulement",
              "uniquement",
              "juste",
              "lieu"));

  private InjectionRules() {}

  /**
   * A rule; its first trigger group is read from the regex ({@link #leadingWords}), {@code needed}
   * (words of which the text must hold one for the regex to match) is a second.
   */
  private static Rule rule(String id, double weight, String regex, String... needed) {
    List<List<String>> triggers = new ArrayList<>();
    List<String> leading = leadingWords(regex);
    if (!leading.isEmpty()) {
      triggers.add(leading);
    }
    if (needed.length > 0) {
      triggers.add(List.of(needed));
    }
    return new Rule(id, weight, Pattern.compile(regex), List.copyOf(triggers));
  }

  /**
   * The words a match must start with, read from the regex: {@code \\b(?:ignore|forget)...} gives
   * {@code [ignore, forget]}, {@code \\bdan\\b} gives {@code [dan]}, a top-level alternation the
   * words of all its branches; a word followed by {@code ?} gives both forms ({@code instructions?}
   * gives {@code instruction} and {@code instructions}). Empty when a branch does not start with a
   * word.
   */
  static List<String> leadingWords(String regex) {
    List<String> words = new ArrayList<>();
    return addLeadingWords(regex, words) ? List.copyOf(words) : List.of();
  }

  private static boolean addLeadingWords(String regex, List<String> words) {
    List<String> branches = branches(regex);
    if (branches.size() > 1) {
      for (String branch : branches) {
        if (!addLeadingWords(branch, words)) {
          return false;
        }
      }
      return true;
    }
    String r = regex.startsWith("\\b") ? regex.substring(2) : regex;
    if (r.startsWith("(?:")) {
      int close = closingParen(r, 0);
      if (close < 0 || (close + 1 < r.length() && "?*{".indexOf(r.charAt(close + 1)) >= 0)) {
        return false;
      }
      return addLeadingWords(r.substring(3, close), words);
    }
    int end = 0;
    while (end < r.length() && Character.isLetter(r.charAt(end))) {
      end++;
    }
    if (end == 0) {
      return false;
    }
    char next = end < r.length() ? r.charAt(end) : ' ';
    if (next == '?') {
      words.add(r.substring(0, end - 1));
    } else if (WORD_ENDS.indexOf(next) < 0) {
      return false; // the word goes on in a group or a class: only a prefix is known
    }
    words.add(r.substring(0, end));
    return true;
  }

  /** What may follow a whole leading word in a regex: the text's words split there too. */
  private static final String WORD_ENDS = "\\ -')|";

  /** The regex split at its top-level {@code |}. */
  private static List<String> branches(String regex) {
    List<String> branches = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == '|' && depth == 0) {
        branches.add(regex.substring(start, i));
        start = i + 1;
      }
    }
    branches.add(regex.substring(start));
    return branches;
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int closingParen(String regex, int open) {
    int depth = 0;
    for (int i = open; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
