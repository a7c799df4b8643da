/**
 * The French and English word lists the agent runtime reads questions with (function words, stop
 * words, small-talk words), kept in one resource file so that the router and the language check
 * share them. Not API: anything here may change without notice.
 */
@NullMarked
package io.elavira.internal.words;

import org.jspecify.annotations.NullMarked;
