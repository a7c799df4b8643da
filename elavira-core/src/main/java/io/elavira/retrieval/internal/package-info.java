/**
 * Not API: the agent's dense retriever (vector hits resolved to chunk rows of the system of
 * record), the prompt builder that fits delimited, labelled passages, history and the question into
 * a token budget, and the citation labels. May change in any release.
 */
@NullMarked
package io.elavira.retrieval.internal;

import org.jspecify.annotations.NullMarked;
