package io.elavira.guard;

/**
 * What an agent does with text that looks like a prompt injection ({@link InjectionDetector}).
 *
 * <p>For the user's question: {@link #BLOCK} refuses it with {@link PromptInjectionException}
 * before anything is retrieved, sent to a model or stored; {@link #FLAG} answers it and says so in
 * {@link io.elavira.Answer#guardFlags()} and the audit log; {@link #ALLOW} does not look.
 *
 * <p>For a retrieved passage (instructions hidden in a document): {@link #BLOCK} withholds the
 * passage from the prompt; {@link #FLAG} keeps it, quotable, inside its data block marked as
 * suspicious; {@link #ALLOW} does not look. Retrieved text is always delimited and labelled as
 * data, whatever the action.
 */
public enum InjectionAction {
  /** Refuse the question, or withhold the passage. */
  BLOCK,
  /** Go on, and record that the text looked like an injection. */
  FLAG,
  /** Do not look for injections. */
  ALLOW
}
