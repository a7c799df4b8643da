package io.elavira.guard;

import static io.elavira.guard.InjectionRules.GAP;
import static io.elavira.guard.InjectionRules.rule;

import io.elavira.guard.InjectionRules.Rule;
import java.util.List;

/**
 * The rules of {@link InjectionRules} against orders that take the model over: dropping earlier
 * instructions, giving new ones, taking on another role, jailbreak personas and modes. English and
 * French, on folded text.
 */
final class OverrideRules {

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

  /** The rules, in the order they are run. */
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
          rule("jailbreak.fr", 0.5, "\\bdebride(?:e|s)?\\b", "debride", "debridee", "debrides"));

  private OverrideRules() {}
}
