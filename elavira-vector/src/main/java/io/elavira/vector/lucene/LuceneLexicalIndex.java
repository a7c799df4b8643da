package io.elavira.vector.lucene;

import io.elavira.retrieval.LexicalHit;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.LexicalRecord;
import io.elavira.vector.Filter;
import io.elavira.vector.stores.OpenState;
import io.elavira.vector.stores.VectorStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * The embedded BM25 index of chunk texts, with French and English analysis (elision, accents,
 * plurals and stemming, stop words): the lexical half of hybrid retrieval.
 *
 * <p><b>How a text is matched.</b> Each text is analysed as French, as English, or both when its
 * language is unclear (from its most frequent words); the question is analysed both ways and its
 * words are OR-ed (a passage need not contain every word), so {@code "l'élève"} finds {@code "les
 * eleves"} and {@code "policies"} finds {@code "policy"} without knowing the language of either.
 * The question is never parsed as a query language: quotes, colons and wildcards are plain
 * characters. Texts are not stored (the system of record has them); only ids and metadata are.
 *
 * <p><b>Lifecycle, durability, threading.</b> As {@link LuceneVectorStore}: one instance per
 * directory, every write one atomic commit, {@link #openState()} and {@link #checkpoint()} tell the
 * caller when to rebuild from the system of record, thread-safe, searches see each write whole.
 */
public final class LuceneLexicalIndex implements LexicalIndex {
  private final LuceneIndex index;
  private final Analyzer french = LanguageAnalyzers.french();
  private final Analyzer english = LanguageAnalyzers.english();

  private LuceneLexicalIndex(Path directory) {
    this.index =
        LuceneIndex.open("lexical", directory, LanguageAnalyzers.perField(), new Lucene912Codec());
  }

  /**
   * Opens (or creates) the index in {@code directory}.
   *
   * @param directory the index's own directory; created when missing
   * @return the open index; close it when done
   * @throws VectorStoreException when the directory cannot be created or is already open
   */
  public static LuceneLexicalIndex open(Path directory) {
    return new LuceneLexicalIndex(Objects.requireNonNull(directory, "directory"));
  }

  /** Whether the index was opened, created, or re-created empty because it was unreadable. */
  public OpenState openState() {
    return index.openState();
  }

  /** The checkpoint stored with the last commit, or null (see {@link LuceneVectorStore}). */
  public @Nullable String checkpoint() {
    return index.checkpoint();
  }

  /**
   * Commits {@code checkpoint} with the index's current content; kept until replaced.
   *
   * @throws VectorStoreException when the index cannot be written
   */
  public void checkpoint(String checkpoint) {
    index.checkpoint(Objects.requireNonNull(checkpoint, "checkpoint"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The batch is one atomic commit; use it with large batches to rebuild the index.
   */
  // Its writes return null as their Void result; NullAway without JSpecify mode (JDK 22+)
  // does not read the "T extends @Nullable Object" that allows it.
  @SuppressWarnings("NullAway")
  @Override
  public void upsert(List<LexicalRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return;
    }
    List<Document> docs = new ArrayList<>(records.size());
    for (LexicalRecord r : records) {
      Document doc = new Document();
      doc.add(new StringField(LuceneIndex.ID, r.id(), Field.Store.YES));
      LanguageAnalyzers.Languages language = LanguageAnalyzers.detect(r.text());
      if (language != LanguageAnalyzers.Languages.ENGLISH) {
        doc.add(new TextField(LanguageAnalyzers.FRENCH, r.text(), Field.Store.NO));
      }
      if (language != LanguageAnalyzers.Languages.FRENCH) {
        doc.add(new TextField(LanguageAnalyzers.ENGLISH, r.text(), Field.Store.NO));
      }
      LuceneIndex.addMetadata(doc, r.metadata());
      docs.add(doc);
    }
    index.write(
        w -> {
          for (int i = 0; i < docs.size(); i++) {
            w.updateDocument(LuceneIndex.idTerm(records.get(i).id()), docs.get(i));
          }
          return null;
        });
  }

  // Its writes return null as their Void result; NullAway without JSpecify mode (JDK 22+)
  // does not read the "T extends @Nullable Object" that allows it.
  @SuppressWarnings("NullAway")
  @Override
  public void delete(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return;
    }
    Term[] terms = ids.stream().map(LuceneIndex::idTerm).toArray(Term[]::new);
    index.write(
        w -> {
          w.deleteDocuments(terms);
          return null;
        });
  }

  @Override
  public int delete(Filter filter) {
    return index.delete(Objects.requireNonNull(filter, "filter"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code topK} is below 1
   */
  @Override
  public List<LexicalHit> search(String text, int topK, Filter filter) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(filter, "filter");
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, got " + topK);
    }
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    int clauses = addTerms(words, LanguageAnalyzers.FRENCH, french, text);
    clauses += addTerms(words, LanguageAnalyzers.ENGLISH, english, text);
    if (clauses == 0) {
      return List.of();
    }
    Query scoped = LuceneIndex.query(filter);
    Query query =
        scoped instanceof MatchAllDocsQuery
            ? words.build()
            : new BooleanQuery.Builder()
                .add(words.build(), Occur.MUST)
                .add(scoped, Occur.FILTER)
                .build();
    return index.read(
        searcher -> {
          ScoreDoc[] top = searcher.search(query, topK).scoreDocs;
          var stored = searcher.storedFields();
          List<LexicalHit> hits = new ArrayList<>(top.length);
          for (ScoreDoc d : top) {
            Document doc = stored.document(d.doc);
            hits.add(new LexicalHit(doc.get(LuceneIndex.ID), d.score, LuceneIndex.metadata(doc)));
          }
          return hits;
        });
  }

  /** Adds one SHOULD clause per distinct analysed term; returns how many. */
  private static int addTerms(
      BooleanQuery.Builder query, String field, Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        terms.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    // BooleanQuery allows 1024 clauses in all; a question is far shorter, a pasted text may not be.
    terms.stream()
        .limit(500)
        .forEach(t -> query.add(new TermQuery(new Term(field, t)), Occur.SHOULD));
    return Math.min(terms.size(), 500);
  }

  @Override
  public int count(Filter filter) {
    return index.count(LuceneIndex.query(Objects.requireNonNull(filter, "filter")));
  }

  /** Commits anything pending and releases the files. Idempotent. */
  @Override
  public void close() {
    index.close();
  }

  @Override
  public String toString() {
    return "LuceneLexicalIndex[path=" + index.path() + "]";
  }
}
