/**
 * In-process embedding models on ONNX Runtime: {@link io.elavira.llm.onnx.OnnxEmbeddingModel}, with
 * the bundled all-MiniLM-L6-v2 int8 model as the offline default and any BERT-style ONNX encoder
 * plus its {@code tokenizer.json} loadable from files.
 */
@NullMarked
package io.elavira.llm.onnx;

import org.jspecify.annotations.NullMarked;
