package io.elavira.internal;

import io.elavira.guard.InjectionVerdict;
import io.elavira.guard.InputRejectedException;
import io.elavira.guard.LimitExceededException;
import io.elavira.guard.PromptInjectionException;
import io.elavira.store.AuditLog;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the guards' decisions to the audit log: {@value #BLOCK} for a refused request or a
 * withheld passage, {@value #FLAG} for one that went on marked. Details name the rule, the limit
 * and its setting, never the question or the passage.
 */
final class GuardAudit {
  static final String BLOCK = "guard.block";
  static final String FLAG = "guard.flag";

  private static final Logger LOG = LoggerFactory.getLogger(GuardAudit.class);

  private final String agentId;
  private final AuditLog audit;

  GuardAudit(String agentId, AuditLog audit) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** Audits a refused request. */
  void blocked(
      String userId, String conversationId, @Nullable String traceId, InputRejectedException e) {
    String rule;
    if (e instanceof LimitExceededException l) {
      rule = "rule=limit limit=" + l.limit() + " setting=" + l.limit() + "=" + l.setting();
    } else if (e instanceof PromptInjectionException p) {
      rule =
          "rule=injection rules="
              + String.join(",", p.rules())
              + " score="
              + score(p.verdict())
              + " setting=questionInjection=BLOCK";
    } else {
      rule = "rule=input";
    }
    String details =
        "target=question "
            + rule
            + " conversation="
            + conversationId
            + (traceId == null ? "" : " trace=" + traceId);
    LOG.info("Guard refused a question of user {} on agent {}: {}", userId, agentId, details);
    audit.record(BLOCK, userId, agentId, details);
  }

  /** Audits a refusal or a withheld passage with ready details. */
  void blocked(String userId, String details) {
    LOG.info("Guard blocked on agent {}: {}", agentId, details);
    audit.record(BLOCK, userId, agentId, details);
  }

  /** Audits a flag. */
  void flagged(String userId, String details) {
    LOG.info("Guard flagged on agent {}: {}", agentId, details);
    audit.record(FLAG, userId, agentId, details);
  }

  static String score(InjectionVerdict verdict) {
    return String.format(Locale.ROOT, "%.2f", verdict.score());
  }
}
