/**
 * JMH benchmarks of Elavira's components, some side by side with other libraries. Not API, never
 * published; run them as described in this module's pom.
 */
package io.elavira.bench;
