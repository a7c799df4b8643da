package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.Answer;
import io.elavira.ElaviraAgent;
import io.elavira.Source;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.RetrievalMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent on the real Lucene stores: a French question written with an elision and a singular
 * finds the passage written with plurals when the lexical index's French analysis takes part, where
 * an embedding that reads surface words (as an English model reads French) ranks a passage that
 * only shares the question's function words first.
 */
class LuceneHybridAgentTest {
  static final String QUESTION =
      "Quelles sont les aides d'un étudiant pour l'allocation de logement ?";
  static final String ANSWER = "Les étudiants peuvent recevoir des allocations de logement.";
  static final String DISTRACTOR =
      "Pour qui et avec quelles questions ? Elles sont toutes pour les jeunes.";

  @TempDir Path dir;

  @Test
  void hybridRanksTheFrenchAnswerFirstWhereDenseAloneRanksItLower() {
    assertThat(texts(RetrievalMode.DENSE)).first().isEqualTo(DISTRACTOR);
    assertThat(texts(RetrievalMode.DENSE)).contains(ANSWER);
    assertThat(texts(RetrievalMode.HYBRID)).first().isEqualTo(ANSWER);
    assertThat(texts(RetrievalMode.LEXICAL)).first().isEqualTo(ANSWER);
  }

  @Test
  void theLexicalIndexIsRebuiltFromTheDatabaseWhenItIsMissingAndKeptOnTheNextOpen() {
    Path home = dir.resolve("home");
    try (LuceneVectorStore vectors =
            LuceneVectorStore.builder(dir.resolve("vectors"), SurfaceWords.DIMENSION).build();
        ElaviraAgent agent =
            ElaviraAgent.builder()
                .home(home)
                .embeddings(new SurfaceWords())
                .vectors(vectors)
                .build()) {
      index(agent);
    }
    // A lexical index created after the documents were indexed is filled from the database.
    try (LuceneVectorStore vectors =
            LuceneVectorStore.builder(dir.resolve("vectors"), SurfaceWords.DIMENSION).build();
        LuceneLexicalIndex lexical = LuceneLexicalIndex.open(dir.resolve("lexical"));
        ElaviraAgent agent =
            ElaviraAgent.builder()
                .home(home)
                .embeddings(new SurfaceWords())
                .vectors(vectors)
                .lexical(lexical)
                .build()) {
      assertThat(lexical.count(io.elavira.vector.Filter.all())).isEqualTo(5);
      assertThat(agent.ask(QUESTION).sources().get(0).text()).isEqualTo(ANSWER);
    }
  }

  private List<String> texts(RetrievalMode mode) {
    Path run = dir.resolve(mode.name());
    try (LuceneVectorStore vectors =
            LuceneVectorStore.builder(run.resolve("vectors"), SurfaceWords.DIMENSION).build();
        LuceneLexicalIndex lexical = LuceneLexicalIndex.open(run.resolve("lexical"));
        ElaviraAgent agent =
            ElaviraAgent.builder()
                .home(run.resolve("home"))
                .embeddings(new SurfaceWords())
                .vectors(vectors)
                .lexical(lexical)
                .retrieval(mode)
                .build()) {
      index(agent);
      Answer answer = agent.ask(QUESTION);
      return answer.sources().stream().map(Source::text).toList();
    }
  }

  private static void index(ElaviraAgent agent) {
    for (String[] doc :
        List.of(
            new String[] {"aides.txt", ANSWER},
            new String[] {"debat.txt", DISTRACTOR},
            // Words of the question in other forms: no surface word in common with it.
            new String[] {
              "residences.txt", "Logements pour étudiants et résidences universitaires."
            },
            new String[] {"bourses.txt", "Allocations versées aux étudiants boursiers."},
            new String[] {"permis.txt", "Le permis de conduire se renouvelle en préfecture."})) {
      Document document =
          new Document(
              doc[0],
              "/docs/" + doc[0],
              "txt",
              List.of(new Block(BlockType.PARAGRAPH, doc[1], null, 1)),
              Map.of());
      agent.index(document, List.of(new Chunk(0, doc[1], null, 1, Map.of())));
    }
  }

  /**
   * A bag of the surface words of at least three letters, hashed and L2-normalised: it does not
   * know that "allocation" and "allocations" are one word, nor that "est" and "que" carry nothing.
   */
  static final class SurfaceWords implements EmbeddingModel {
    static final int DIMENSION = 1024;

    @Override
    public String modelId() {
      return "surface-words-" + DIMENSION;
    }

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      List<float[]> out = new ArrayList<>(texts.size());
      for (String text : texts) {
        float[] v = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+", -1)) {
          if (word.length() > 2) {
            v[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
          }
        }
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
          v[i] /= (float) Math.sqrt(norm);
        }
        out.add(v);
      }
      return out;
    }
  }
}
