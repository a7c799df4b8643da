/**
 * Not API: the Lucene vector format behind {@link io.elavira.vector.lucene.LuceneVectorStore}. It
 * is public only because Lucene finds vector formats by name through {@link
 * java.util.ServiceLoader} when it opens an index; applications never use these types.
 */
@NullMarked
package io.elavira.vector.lucene.internal;

import org.jspecify.annotations.NullMarked;
