/**
 * Chat-history exports: {@link io.elavira.ingest.chat.ChatExportParser} recognises by their content
 * the exports of ChatGPT, Claude.ai, Mistral Le Chat, Grok and Gemini (Google Takeout), as JSON
 * files or as the zip the platform sends, and turns each conversation into turns labelled with
 * their speaker, time and model.
 */
@NullMarked
package io.elavira.ingest.chat;

import org.jspecify.annotations.NullMarked;
