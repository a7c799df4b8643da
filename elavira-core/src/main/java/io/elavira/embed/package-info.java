/**
 * The embedding SPI, {@link io.elavira.embed.EmbeddingModel}. The default in-process ONNX model and
 * the remote ones live in {@code elavira-llm}.
 */
@NullMarked
package io.elavira.embed;

import org.jspecify.annotations.NullMarked;
