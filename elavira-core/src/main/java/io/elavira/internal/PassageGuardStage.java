package io.elavira.internal;

import io.elavira.Source;
import io.elavira.guard.GuardPolicy;
import io.elavira.guard.InjectionAction;
import io.elavira.guard.InjectionDetector;
import io.elavira.guard.InjectionVerdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the retrieved passages before they reach the prompt: cuts them to {@code
 * maxRetrievedChunks}, and looks for instructions hidden in them. Under {@code
 * passageInjection=FLAG} a suspicious passage stays (quotable, inside its data block, marked as
 * suspicious by the prompt builder); under {@code BLOCK} it is withheld from the prompt and from
 * extractive quotes. Either way the decision is audited, naming the document, the chunk and the
 * rules, never the text.
 */
final class PassageGuardStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(PassageGuardStage.class);

  private final GuardPolicy policy;
  private final InjectionDetector detector;
  private final GuardAudit audit;

  PassageGuardStage(GuardPolicy policy, InjectionDetector detector, GuardAudit audit) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.detector = Objects.requireNonNull(detector, "detector");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public Reply handle(Exchange exchange, Chain chain) {
    List<Source> retrieved = exchange.retrieved();
    if (retrieved.size() > policy.maxRetrievedChunks()) {
      LOG.debug(
          "Trace {}: {} passages cut to maxRetrievedChunks={}",
          exchange.traceId(),
          retrieved.size(),
          policy.maxRetrievedChunks());
      retrieved = retrieved.subList(0, policy.maxRetrievedChunks());
    }
    InjectionAction action = policy.passageInjection();
    if (action == InjectionAction.ALLOW) {
      exchange.retrieved(retrieved);
      return chain.proceed(exchange);
    }
    List<Source> kept = new ArrayList<>(retrieved.size());
    Set<Source> flagged = new LinkedHashSet<>();
    for (Source passage : retrieved) {
      InjectionVerdict verdict = detector.scan(passage.text());
      if (!verdict.suspicious()) {
        kept.add(passage);
        continue;
      }
      String where = passage.documentId() + "#" + passage.chunk();
      String details =
          "target=passage document="
              + passage.documentId()
              + " chunk="
              + passage.chunk()
              + " conversation="
              + exchange.conversationId()
              + " trace="
              + exchange.traceId()
              + " rules="
              + String.join(",", verdict.rules())
              + " score="
              + GuardAudit.score(verdict)
              + " setting=passageInjection="
              + action;
      exchange.addGuardFlag(
          (action == InjectionAction.BLOCK ? "passage-withheld:" : "passage:")
              + where
              + ":"
              + String.join(",", verdict.rules()));
      if (action == InjectionAction.BLOCK) {
        audit.blocked(exchange.userId(), details);
      } else {
        kept.add(passage);
        flagged.add(passage);
        audit.flagged(exchange.userId(), details);
      }
    }
    exchange.retrieved(kept);
    exchange.flaggedPassages(flagged);
    return chain.proceed(exchange);
  }
}
