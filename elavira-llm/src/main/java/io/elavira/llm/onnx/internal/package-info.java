/**
 * Internal engine of the in-process ONNX embedding model: a WordPiece tokenizer that reproduces a
 * HuggingFace {@code tokenizer.json}, the batched ONNX encoder, and where the model files come from
 * (classpath or disk). <b>Not API</b>: these classes may change or disappear in any release; use
 * {@link io.elavira.llm.onnx.OnnxEmbeddingModel}.
 */
@NullMarked
package io.elavira.llm.onnx.internal;

import org.jspecify.annotations.NullMarked;
