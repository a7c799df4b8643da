package io.elavira.generate;

import io.elavira.ElaviraAgent;
import io.elavira.document.Document;
import io.elavira.retrieval.Retriever;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;

/** A home with the sample CV and a note indexed by a real agent, for generation tests. */
final class CareerHome implements AutoCloseable {
  static final String USER = "camille";

  final ElaviraStore store;
  final ElaviraAgent agent;

  CareerHome(Path dir) {
    store = ElaviraStore.open(dir.resolve("elavira.db"));
    agent = ElaviraAgent.builder().store(store).embeddings(new WordEmbeddings()).build();
    String cv = SampleCv.cv();
    Document doc = SampleCv.document("cv-camille-martin.md", cv);
    agent.index(doc, SampleCv.chunks(cv));
    String note =
        "# Pourquoi la santé numérique\n\nJe veux que mon travail serve aux soignants : les"
            + " rendez-vous en ligne font gagner du temps aux cabinets.";
    agent.index(SampleCv.document("notes-motivation.md", note), SampleCv.chunks(note));
  }

  Retriever retriever() {
    return q -> agent.retrieve(q.userId(), q.text(), q.topK());
  }

  @Override
  public void close() {
    agent.close();
    store.close();
  }
}
