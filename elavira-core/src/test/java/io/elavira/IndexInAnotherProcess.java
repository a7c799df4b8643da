package io.elavira;

import io.elavira.document.Document;
import io.elavira.store.ElaviraStore;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link ElaviraAgentSyncTest}: what the CLI does to a home while a server
 * runs on it. {@code index <home> <name> <text>} indexes a one-page document with the test model;
 * {@code delete <home> <documentId>} deletes a document through the store.
 */
public final class IndexInAnotherProcess {
  private IndexInAnotherProcess() {}

  public static void main(String[] args) {
    Path home = Path.of(args[1]);
    switch (args[0]) {
      case "index" -> {
        try (ElaviraAgent agent =
            ElaviraAgent.builder().home(home).embeddings(new FakeEmbeddingModel()).build()) {
          Document document = Docs.document(args[2], args[3]);
          agent.index(document, Docs.chunks(document));
        }
      }
      case "delete" -> {
        try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"))) {
          store.documents().delete(args[2]);
        }
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }
}
