package io.elavira.generate.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Not API. Finds the period of a CV line, in French or English: "2019–2023", "janv. 2020 -
 * présent", "Sept 2018 to June 2020", "03/2019 – 05/2021", "since 2021", "depuis mars 2022", or a
 * single year.
 */
public final class DateRanges {
  /** The end of a period that has not ended. */
  public static final String PRESENT = "present";

  private static final String MONTH =
      "(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|"
          + "sept?(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|"
          + "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          + "sep(?:t(?:ember)?)?|october|november|december)\\.?";
  private static final String YEAR = "(?:19|20)\\d{2}";
  private static final String DATE =
      "(?:(?<m%1$s>"
          + MONTH
          + ")\\s+)?(?<y%1$s>"
          + YEAR
          + ")|(?<n%1$s>\\d{1,2})/(?<z%1$s>"
          + YEAR
          + ")";
  private static final String NOW =
      "(?<now>pr[ée]sent|aujourd['’]hui|now|today|current|en cours|ce jour|actuel(?:lement)?)";
  private static final Pattern RANGE =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\d])(?:"
              + DATE.formatted("1")
              + ")\\s*(?:[-–—]|\\bà\\b|\\bau\\b|\\bto\\b|\\buntil\\b)\\s*(?:"
              + DATE.formatted("2")
              + "|"
              + NOW
              + ")(?![\\p{L}\\d])");
  private static final Pattern SINCE =
      Pattern.compile(
          "(?iu)\\b(?:since|depuis)\\s+(?:(?<m1>" + MONTH + ")\\s+)?(?<y1>" + YEAR + ")\\b");
  private static final Pattern SINGLE =
      Pattern.compile("(?iu)(?<![\\p{L}\\d])(?:" + DATE.formatted("1") + ")(?![\\p{L}\\d])");

  private static final Map<String, String> MONTHS =
      Map.ofEntries(
          Map.entry("janv", "01"),
          Map.entry("jan", "01"),
          Map.entry("fevr", "02"),
          Map.entry("fev", "02"),
          Map.entry("feb", "02"),
          Map.entry("mars", "03"),
          Map.entry("mar", "03"),
          Map.entry("avr", "04"),
          Map.entry("apr", "04"),
          Map.entry("mai", "05"),
          Map.entry("may", "05"),
          Map.entry("juin", "06"),
          Map.entry("jun", "06"),
          Map.entry("juil", "07"),
          Map.entry("jul", "07"),
          Map.entry("aout", "08"),
          Map.entry("aug", "08"),
          Map.entry("sep", "09"),
          Map.entry("oct", "10"),
          Map.entry("nov", "11"),
          Map.entry("dec", "12"));

  private DateRanges() {}

  /**
   * A period found in a line.
   *
   * @param start "2021" or "2021-01"
   * @param end "2023", "2023-06" or {@link #PRESENT}
   * @param from where the period starts in the line
   * @param to where it ends in the line (exclusive)
   */
  public record Period(String start, String end, int from, int to) {}

  /** The first period of {@code line}, or null when it holds none. */
  public static @Nullable Period find(String line) {
    Matcher m = RANGE.matcher(line);
    if (m.find()) {
      String end = m.group("now") != null ? PRESENT : date(m, "2");
      return new Period(date(m, "1"), end, m.start(), m.end());
    }
    m = SINCE.matcher(line);
    if (m.find()) {
      return new Period(date(m, "1"), PRESENT, m.start(), m.end());
    }
    m = SINGLE.matcher(line);
    if (m.find()) {
      String d = date(m, "1");
      return new Period(d, d, m.start(), m.end());
    }
    return null;
  }

  private static final List<String> FR_MONTHS =
      List.of(
          "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
          "déc.");
  private static final List<String> EN_MONTHS =
      List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

  /**
   * A period as written in a language: "janv. 2021 – présent", "2018 – 2020", "Feb 2017 – Aug
   * 2017"; empty when {@code start} is null or blank.
   */
  public static String display(@Nullable String start, @Nullable String end, String language) {
    if (start == null || start.isBlank()) {
      return "";
    }
    String e = end == null || end.isBlank() ? start : end;
    String from = date(start, language);
    if (PRESENT.equals(e)) {
      return from + " – " + ("fr".equals(language) ? "présent" : "present");
    }
    return e.equals(start) ? from : from + " – " + date(e, language);
  }

  private static String date(String value, String language) {
    Matcher m = Pattern.compile("(\\d{4})-(\\d{2})").matcher(value);
    if (!m.matches()) {
      return value;
    }
    int month = Integer.parseInt(m.group(2));
    if (month < 1 || month > 12) {
      return value;
    }
    List<String> names = "fr".equals(language) ? FR_MONTHS : EN_MONTHS;
    return names.get(month - 1) + " " + m.group(1);
  }

  private static String date(Matcher m, String n) {
    String year = m.group("y" + n);
    if (year == null) {
      return m.group("z" + n) + "-" + String.format(Locale.ROOT, "%02d", month(m.group("n" + n)));
    }
    String month = m.group("m" + n);
    if (month == null) {
      return year;
    }
    String key = TextNormal.of(month).replace(".", "");
    for (int len = Math.min(4, key.length()); len >= 3; len--) {
      String code = MONTHS.get(key.substring(0, len));
      if (code != null) {
        return year + "-" + code;
      }
    }
    return year;
  }

  private static int month(String digits) {
    int m = Integer.parseInt(digits);
    return m >= 1 && m <= 12 ? m : 1;
  }
}
