package io.elavira.guard;

import static io.elavira.guard.InjectionRules.GAP;
import static io.elavira.guard.InjectionRules.rule;

import io.elavira.guard.InjectionRules.Rule;
import java.util.List;

/**
 * The rules of {@link InjectionRules} against attempts to get past the model's instructions rather
 * than replace them: asking for the system prompt, fake chat-format delimiters, notes addressed to
 * the AI reading a document, and dictating the output. English and French, on folded text.
 */
final class ExposureRules {

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

  /** The rules, in the order they are run. */
  static final List<Rule> ALL =
      List.of(
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

  private ExposureRules() {}
}
