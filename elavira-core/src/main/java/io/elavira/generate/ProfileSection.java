package io.elavira.generate;

/** The part of a profile a {@link Fact} belongs to. */
public enum ProfileSection {
  /** The person's name and headline. */
  IDENTITY,
  /** Email, phone, place, links. */
  CONTACT,
  /** A job: employer, role, dates, achievements. */
  EXPERIENCE,
  /** A degree or training: degree, school, dates. */
  EDUCATION,
  /** A skill or tool. */
  SKILL,
  /** A language and the level spoken. */
  LANGUAGE,
  /** A project. */
  PROJECT
}
