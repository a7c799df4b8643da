/**
 * Benchmarks of Elavira's components, some side by side with other libraries. Not API, never
 * published; run them as described in this module's pom. JMH benchmarks: {@link
 * io.elavira.bench.EmbeddingThroughputBenchmark}, {@link io.elavira.bench.ModelLoadBenchmark}.
 * Plain main programs comparing Elavira and LangChain4j on the same files, the same model family
 * and the same chunk sizes: {@link io.elavira.bench.IngestQuerySideBySide} (ingestion, query
 * latency, hit rates and embedding throughput on {@code shared/data/docs}) and {@link
 * io.elavira.bench.BeirSideBySide} (recall and MRR on the French BEIR set {@code
 * shared/data/retrieval/fr-service-public/beir}).
 */
package io.elavira.bench;
