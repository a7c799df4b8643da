/**
 * Guards on the request path, on by default: input and prompt limits with time limits ({@link
 * io.elavira.guard.GuardPolicy}, refused with {@link io.elavira.guard.LimitExceededException}),
 * prompt-injection detection on questions and retrieved passages ({@link
 * io.elavira.guard.InjectionDetector}, acted on per {@link io.elavira.guard.InjectionAction}, a
 * blocked question refused with {@link io.elavira.guard.PromptInjectionException}), and the masker
 * of secrets and personal data used by exception messages, audit entries and providers ({@link
 * io.elavira.guard.SecretMasker}).
 */
@NullMarked
package io.elavira.guard;

import org.jspecify.annotations.NullMarked;
