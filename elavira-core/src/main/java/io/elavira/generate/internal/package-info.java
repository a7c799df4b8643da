/**
 * Not API: the engines behind {@code io.elavira.generate} (CV section rules, date ranges, the
 * model-backed profile reader, template rendering, section writing, claim extraction, JSON mapping
 * and line diffs). Anything here may change without notice.
 */
@NullMarked
package io.elavira.generate.internal;

import org.jspecify.annotations.NullMarked;
