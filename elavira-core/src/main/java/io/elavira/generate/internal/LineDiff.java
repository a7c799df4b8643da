package io.elavira.generate.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Not API. A line diff of two texts (longest common subsequence): unchanged lines start with two
 * spaces, removed ones with "- ", added ones with "+ ". Quadratic in the number of lines: fine for
 * letters and CVs (a few hundred lines).
 */
public final class LineDiff {
  /** The most lines compared; beyond, the texts are shown as replaced whole. */
  public static final int MAX_LINES = 5_000;

  private LineDiff() {}

  /** The diff of {@code before} and {@code after}, one line per line of either. */
  public static List<String> diff(String before, String after) {
    String[] a = before.split("\\R", -1);
    String[] b = after.split("\\R", -1);
    List<String> out = new ArrayList<>();
    if (a.length > MAX_LINES || b.length > MAX_LINES) {
      for (String l : a) {
        out.add("- " + l);
      }
      for (String l : b) {
        out.add("+ " + l);
      }
      return out;
    }
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i].equals(b[j])) {
        out.add("  " + a[i]);
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        out.add("- " + a[i++]);
      } else {
        out.add("+ " + b[j++]);
      }
    }
    while (i < a.length) {
      out.add("- " + a[i++]);
    }
    while (j < b.length) {
      out.add("+ " + b[j++]);
    }
    return out;
  }
}
