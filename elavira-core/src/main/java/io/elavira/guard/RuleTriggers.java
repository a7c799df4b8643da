package io.elavira.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads from a rule's regex the words a match must start with, the first trigger group of an {@link
 * InjectionRules.Rule}.
 */
final class RuleTriggers {

  private RuleTriggers() {}

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
