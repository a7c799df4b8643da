package io.elavira.generate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateRangesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2019–2023 | 2019 | 2023",
        "2019 - 2023 | 2019 | 2023",
        "janv. 2020 - présent | 2020-01 | present",
        "Janvier 2020 – aujourd'hui | 2020-01 | present",
        "févr. 2017 – août 2017 | 2017-02 | 2017-08",
        "since 2021 | 2021 | present",
        "depuis mars 2022 | 2022-03 | present",
        "Sept 2018 to June 2020 | 2018-09 | 2020-06",
        "03/2019 – 05/2021 | 2019-03 | 2021-05",
        "Developer (2016) | 2016 | 2016"
      })
  void readsFrenchAndEnglishPeriods(String line, String start, String end) {
    DateRanges.Period p = DateRanges.find(line);

    assertThat(p).isNotNull();
    assertThat(p.start()).isEqualTo(start);
    assertThat(p.end()).isEqualTo(end);
  }

  @Test
  void findsNoPeriodWithoutAYear() {
    assertThat(DateRanges.find("Java, Kotlin, 12 projets")).isNull();
  }

  @Test
  void displaysPeriodsInTheDocumentsLanguage() {
    assertThat(DateRanges.display("2021-01", "present", "fr")).isEqualTo("janv. 2021 – présent");
    assertThat(DateRanges.display("2021-01", "present", "en")).isEqualTo("Jan 2021 – present");
    assertThat(DateRanges.display("2018", "2020", "fr")).isEqualTo("2018 – 2020");
    assertThat(DateRanges.display("2017", "2017", "en")).isEqualTo("2017");
  }
}
