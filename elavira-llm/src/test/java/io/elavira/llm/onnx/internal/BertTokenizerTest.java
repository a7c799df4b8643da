package io.elavira.llm.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.elavira.ElaviraException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares our WordPiece tokenizer with the HuggingFace {@code tokenizers} library (through DJL's
 * native binding) on the same {@code tokenizer.json}.
 */
class BertTokenizerTest {
  private static final String RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

  @TempDir static Path tempDir;
  private static Path tokenizerFile;
  private static BertTokenizer ours;
  private static HuggingFaceTokenizer reference;
  private static HuggingFaceTokenizer referenceTruncating;

  @BeforeAll
  static void loadBothTokenizers() throws IOException {
    tokenizerFile = tempDir.resolve("tokenizer.json");
    try (InputStream in = BertTokenizerTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertThat(in).as("bundled tokenizer resource " + RESOURCE).isNotNull();
      Files.copy(in, tokenizerFile);
    }
    try (InputStream in = Files.newInputStream(tokenizerFile)) {
      ours = BertTokenizer.read(in, tokenizerFile.toString());
    }
    reference =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(tokenizerFile)
            .optAddSpecialTokens(true)
            .optTruncation(false)
            .optPadding(false)
            .build();
    referenceTruncating =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(tokenizerFile)
            .optAddSpecialTokens(true)
            .optTruncation(true)
            .optMaxLength(256)
            .optPadding(false)
            .build();
  }

  @AfterAll
  static void closeReference() {
    reference.close();
    referenceTruncating.close();
  }

  @Test
  void producesTheSameIdsAsHuggingFaceTokenizersOnVariedText() {
    List<String> texts = corpus();
    assertThat(texts).hasSizeGreaterThanOrEqualTo(200);
    List<String> mismatches = new ArrayList<>();
    for (String text : texts) {
      long[] expected = reference.encode(text).getIds();
      long[] actual = ours.encode(text, Integer.MAX_VALUE).ids();
      if (!Arrays.equals(expected, actual)) {
        mismatches.add(
            escape(text)
                + "\n  hf:   "
                + Arrays.toString(expected)
                + "\n  ours: "
                + Arrays.toString(actual));
      }
    }
    assertThat(mismatches).as("texts tokenized differently from HuggingFace").isEmpty();
  }

  @Test
  void truncatesLongTextsLikeHuggingFaceTokenizers() {
    List<String> longTexts = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      longTexts.add(randomText(random, 150 + random.nextInt(400)));
    }
    longTexts.add("supercalifragilisticexpialidocious ".repeat(60));
    longTexts.add("l'été à Noël, ".repeat(100));
    for (String text : longTexts) {
      long[] expected = referenceTruncating.encode(text).getIds();
      BertTokenizer.Encoding actual = ours.encode(text, 256);
      assertThat(actual.ids()).as(escape(text)).containsExactly(expected);
      assertThat(actual.ids()).hasSizeLessThanOrEqualTo(256);
    }
    assertThat(ours.encode("word ".repeat(1000), 256).ids())
        .hasSize(256)
        .startsWith(101L)
        .endsWith(102L);
  }

  @Test
  void countsWordPiecesWithoutSpecialTokens() {
    assertThat(ours.count("")).isZero();
    assertThat(ours.count("hello world")).isEqualTo(2);
    for (String text : corpus().subList(0, 50)) {
      assertThat(ours.count(text))
          .as(escape(text))
          .isEqualTo(reference.encode(text).getIds().length - 2);
    }
  }

  @Test
  void encodesTheEmptyTextAsClsSep() {
    BertTokenizer.Encoding e = ours.encode("", 256);
    assertThat(e.ids()).containsExactly(101L, 102L);
    assertThat(e.typeIds()).containsExactly(0L, 0L);
  }

  @Test
  void rejectsATokenizerThatIsNotWordPiece() {
    String json = "{\"model\":{\"type\":\"BPE\",\"vocab\":{}}}";
    assertThatThrownBy(
            () ->
                BertTokenizer.read(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bpe.json"))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("bpe.json")
        .hasMessageContaining("BPE");
  }

  @Test
  void rejectsAFileThatIsNotJson() {
    assertThatThrownBy(
            () ->
                BertTokenizer.read(
                    new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)),
                    "broken.json"))
        .isInstanceOf(ElaviraException.class)
        .hasMessageContaining("broken.json");
  }

  private static String escape(String text) {
    StringBuilder sb = new StringBuilder("\"");
    text.codePoints()
        .limit(120)
        .forEach(
            cp -> {
              if (cp < 0x20 || cp > 0x7E) {
                sb.append(String.format("\\u{%x}", cp));
              } else {
                sb.appendCodePoint(cp);
              }
            });
    return sb.append('"').toString();
  }

  static List<String> corpus() {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "Hello, world!",
                "The quick brown fox jumps over the lazy dog.",
                "How do I cancel my booking?",
                "Comment annuler ma réservation ?",
                "L'été dernier, j'ai visité la Côte d'Azur.",
                "Où est la gare ? À gauche, après l'église.",
                "Ça coûte 12,50 € — c'est très cher !",
                "«Bonjour», dit-il. « Au revoir » répondit-elle.",
                "Le cœur a ses raisons que la raison ne connaît point.",
                "Œuvre, œuf, sœur, bœuf, Æsop, ÆØÅ",
                "Noël, naïve, Zoë, Israël, maïs",
                "français, garçon, façade, reçu",
                "élève, été, déjà, forêt, hôpital, où, crème brûlée",
                "aujourd’hui l’hôtel qu’il m’a dit",
                "Größe, Straße, Übung, schön, Mädchen, Fußgängerübergänge",
                "Das Bundesverfassungsgericht entschied über die Verfassungsbeschwerde.",
                "¿Dónde está la biblioteca? ¡Muy bien!",
                "São Paulo, Brasília, ação, coração",
                "Ελληνικά: Καλημέρα κόσμε, ΟΔΟΣ",
                "Русский текст: Привет, мир! Ёлка",
                "日本語のテキスト、東京タワー。",
                "中文文本：你好，世界！我爱北京天安门。",
                "한국어 텍스트: 안녕하세요 세계",
                "עברית: שלום עולם",
                "العربية: مرحبا بالعالم",
                "हिन्दी: नमस्ते दुनिया",
                "ไทย: สวัสดีชาวโลก",
                "Emoji: 😀 😃 🎉 👍🏽 ❤️ 🇫🇷 👨‍👩‍👧‍👦",
                "I love pizza 🍕 and 🍣!",
                "Numbers: 0 1 42 3.14159 1,000,000 2024-05-17 12:30:45",
                "Phone: +33 (0)6 12 34 56 78, e-mail: jean.dupont@example.fr",
                "URL: https://www.example.com/path?query=1&x=y#frag",
                "Code: if (a <= b && c != d) { return x->y; } // comment",
                "Symbols: $100 + 5% = ^caret^ `tick` |pipe| ~tilde~ @at #hash",
                "Math: ∑ ∫ √ ∞ ≤ ≥ ≠ ± × ÷ α β γ",
                "Quotes: \"double\" 'single' “curly” ‘curly’ „German“ ‹›",
                "Dashes: a-b a–b a—b a―b",
                "Ellipsis… and bullets • · ‣",
                "Tabs\tand\nnewlines\r\nand\u000Bvertical\u000Cform feed",
                "Control\u0000chars\u0001here\u0007bell\u001Bescape\u007Fdel",
                "Zero\u200Bwidth\u200Cjoiner\u200Dand\uFEFFbom",
                "Non\u00A0breaking\u2009thin\u3000ideographic\u202Fnarrow space",
                "Replacement \uFFFD char and private use \uE000\uF8FF",
                "Soft\u00ADhyphen and direction \u200E\u200F marks",
                "Combining: e\u0301 a\u0300 o\u0302 n\u0303 c\u0327",
                "Ligatures: ﬁ ﬂ ﬀ, fullwidth: ＡＢＣ１２３",
                "Superscripts: x² y³ H₂O ½ ¼",
                "Roman numerals: Ⅻ ⅻ, circled: ① ②",
                "İstanbul, ıi, DİYARBAKIR",
                "ΣΊΣΥΦΟΣ and final sigma ΟΔΟΣ.",
                "Turkish dotless ı and German ẞ capital sharp s",
                "ǅ ǈ ǋ titlecase digraphs",
                "pneumonoultramicroscopicsilicovolcanoconiosis",
                "a".repeat(100),
                "a".repeat(101),
                "é".repeat(100),
                "é".repeat(101),
                "antidisestablishmentarianism supercalifragilisticexpialidocious",
                "xqzvjkwpfg unknownwordpiecesxyz",
                "[CLS] already [SEP] inside [MASK] text [UNK] [PAD]",
                "[cls] lower-case [sep] not special",
                "[SEP][SEP]x[SEP]",
                "half [SE P] special",
                "don't won't can't I'm you're it's",
                "C'est l'homme qu'on m'a présenté à l'hôpital d'Évry.",
                "Hello!!! ??? ... ,,, ;;; :::",
                "ALL CAPS SENTENCE WITH ACRONYMS NASA, SNCF, RATP",
                "MiXeD CaSe WoRdS",
                "snake_case_identifier and camelCaseIdentifier and kebab-case-id",
                "file.txt, archive.tar.gz, /usr/local/bin, C:\\Windows\\System32",
                "    leading and trailing spaces    ",
                "\n\n\nmultiple\n\n\nnewlines\n\n",
                "mélange English et français: the meeting est annulé demain matin.",
                "Rendez-vous à 14h30 au 3ᵉ étage, salle n° 12.",
                "Prix : 1 234,56 € TTC (TVA 20 %)",
                "Il a dit : « Je reviendrai » ; puis il est parti…",
                "Vietnamese: Tiếng Việt có dấu, Hà Nội",
                "Polish: Zażółć gęślą jaźń",
                "Czech: Příliš žluťoučký kůň úpěl ďábelské ódy",
                "Icelandic: Þórður ðæ",
                "Danish: Ærøskøbing, Søren",
                "Romanian: Științe, țară",
                "Hungarian: Árvíztűrő tükörfúrógép",
                "Mongolian: ᠮᠣᠩᠭᠣᠯ",
                "Ethiopic: ሰላም",
                "Cherokee: ᏣᎳᎩ",
                "CJK extension: 𠀀𠀁 𪜀 and compatibility 豈",
                "Hiragana ひらがな katakana カタカナ halfwidth ｶﾀｶﾅ",
                "Musical 𝄞 and math 𝐀𝐁𝐂 𝒜",
                "Box drawing ┌─┐│└┘ and blocks █▓▒░",
                "Arrows ← → ↑ ↓ ⇒ ⇔",
                "Currency £ ¥ ₩ ₹ ₿ ¢",
                "Trademark ™ © ® ℃ ℉ №",
                "Keyboard ⌘ ⌥ ⇧ ⏎",
                "Newer emoji 🥰 🥳 🦩 🧋 🫠 🫶 🪿",
                "Skin tones 👋🏻👋🏼👋🏽👋🏾👋🏿 and flags 🇺🇸🇯🇵",
                "Keycaps 1️⃣ #️⃣ and variation ☺︎ ☺️",
                "Unassigned a\u0378b c\uFFFEd e\uD83F\uDFFFf g\uDB7F\uDFFDh i\uD87F\uDFFFj k\uDB40\uDC01l",
                "PUA a\uE001b c\uF8FEd e\uDB80\uDC00f g\uDBBF\uDFFDh i\uDBC0\uDC00j k\uDBFF\uDFFDl m\uDB80\uDC01n",
                "Newest a\uD83E\uDEE8b c\uD83E\uDEC6d e\uD808\uDFFFf g\uD83D\uDEDCh"));
    Random random = new Random(42);
    while (texts.size() < 260) {
      texts.add(randomText(random, 5 + random.nextInt(40)));
    }
    return texts;
  }

  private static final String[] WORDS = {
    "the",
    "booking",
    "cancel",
    "réservation",
    "annuler",
    "été",
    "l'hôtel",
    "über",
    "straße",
    "naïve",
    "cœur",
    "garçon",
    "«",
    "»",
    "—",
    "…",
    "’",
    "!",
    "?",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "42",
    "3,14",
    "2024",
    "😀",
    "👍🏽",
    "东京",
    "日本",
    "한국",
    "Привет",
    "Ελλάδα",
    "\t",
    "\n",
    "e-mail",
    "co-operate",
    "aujourd'hui",
    "d’accord",
    "[SEP]",
    "##ing",
    "unaffable",
    "ÉCOLE",
    "ÇA",
    "Œil",
    "münchen",
    "zürich",
    "x²",
    "½",
    "ﬁnance",
    "\u200B",
    "\u00A0",
    "\u0301",
    "verylongwordwithoutanyspacesinsideitatallwhichgoesonandon",
    "$",
    "%",
    "&",
    "@",
    "#",
    "€",
  };

  private static String randomText(Random random, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0 && random.nextInt(4) != 0) {
        sb.append(' ');
      }
      sb.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }
}
