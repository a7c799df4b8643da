package io.elavira.guard;

import java.util.List;

/**
 * The question looks like a prompt injection and the agent's {@link
 * GuardPolicy#questionInjection()} is {@link InjectionAction#BLOCK}: it was refused before anything
 * was retrieved, sent to a model or stored. The message names the rules that matched and the
 * setting; it never contains the question.
 */
public class PromptInjectionException extends InputRejectedException {
  private static final long serialVersionUID = 1L;

  private final InjectionVerdict verdict;

  /** Creates a rejection for {@code verdict}. */
  public PromptInjectionException(InjectionVerdict verdict) {
    super(
        "question looks like a prompt injection (rules "
            + String.join(", ", verdict.rules())
            + ", score "
            + String.format(java.util.Locale.ROOT, "%.2f", verdict.score())
            + "); refused by questionInjection=BLOCK (GuardPolicy.questionInjection): rephrase it,"
            + " or set FLAG to answer such questions and only record them");
    this.verdict = verdict;
  }

  /** What the detector found. */
  public InjectionVerdict verdict() {
    return verdict;
  }

  /** The rules that matched. */
  public List<String> rules() {
    return verdict.rules();
  }
}
