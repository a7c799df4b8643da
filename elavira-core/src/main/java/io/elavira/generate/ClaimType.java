package io.elavira.generate;

/** What kind of statement a {@link ClaimFlag} is about. */
public enum ClaimType {
  /** A capitalised name: a person, an employer, a school, a product. */
  NAME,
  /** A year or a date. */
  DATE,
  /** A degree: Master, Licence, BTS, PhD, Doctorat, Bachelor... */
  DEGREE,
  /** A number with a unit or a percentage. */
  FIGURE
}
