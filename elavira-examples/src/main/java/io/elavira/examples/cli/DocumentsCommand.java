package io.elavira.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraAgent;
import io.elavira.ElaviraException;
import io.elavira.store.DocumentInfo;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elavira documents list|show|rm}: what the agent knows, and forgetting some of it. A
 * document is named by its id or by one of its paths (relative paths are resolved against the
 * current folder). Byte-identical files are one document listing every path.
 */
@Command(
    name = "documents",
    mixinStandardHelpOptions = true,
    description = "List, show or remove the documents the agent knows.",
    subcommands = {
      DocumentsCommand.ListDocuments.class,
      DocumentsCommand.ShowDocument.class,
      DocumentsCommand.RemoveDocuments.class
    })
final class DocumentsCommand implements Runnable {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  // The options every subcommand takes, also accepted between the group and the subcommand
  // ("documents -H DIR list"); the subcommands read them through ElaviraCli.inherited.
  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "home")
  private HomeOptions home;

  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "agent")
  private AgentOption agent;

  @SuppressWarnings("UnusedVariable")
  @Mixin(name = "json")
  private JsonOption json;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: list, show or rm.");
  }

  /** {@code documents list}: one line per document. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "One line per document: name, status, chunks, size, last change, paths.",
        "With --json: {documents: [{id, name, paths, format, status, chunks, sizeBytes, owner,"
            + " version, createdAt, updatedAt}]}."
      })
  static final class ListDocuments implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "agent")
    private AgentOption agent;

    @Mixin(name = "json")
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (AgentSession session =
          AgentSession.open(
              home.home(), null, null, spec.commandLine().getErr(), agent.agentId())) {
        List<DocumentInfo> documents = session.agent().listDocuments();
        if (json.enabled()) {
          out.println(
              JSON.writeValueAsString(
                  Map.of("documents", documents.stream().map(DocumentsCommand::toJson).toList())));
        } else if (documents.isEmpty()) {
          out.println(
              "No documents in " + home.home() + ": add some with `elavira ingest PATH...`.");
        } else {
          for (DocumentInfo d : documents) {
            out.println(line(d));
          }
          out.println(
              documents.size()
                  + " document"
                  + (documents.size() == 1 ? "" : "s")
                  + ", "
                  + documents.stream().mapToInt(DocumentInfo::chunkCount).sum()
                  + " chunks");
        }
        out.flush();
        return 0;
      }
    }
  }

  /** {@code documents show ID|PATH}: every field of one document. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Every detail of one document, named by its id or one of its paths.")
  static final class ShowDocument implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "agent")
    private AgentOption agent;

    @Mixin(name = "json")
    private JsonOption json;

    @Parameters(paramLabel = "ID|PATH", description = "The document's id or one of its paths.")
    private String document;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (AgentSession session =
          AgentSession.open(
              home.home(), null, null, spec.commandLine().getErr(), agent.agentId())) {
        DocumentInfo d =
            find(session.agent(), document).orElseThrow(() -> notFound(document, home.home()));
        if (json.enabled()) {
          out.println(JSON.writeValueAsString(toJson(d)));
        } else {
          out.println(d.name());
          out.println("  id:       " + d.id());
          out.println("  status:   " + d.status().name().toLowerCase(Locale.ROOT));
          out.println("  format:   " + d.format());
          out.println("  chunks:   " + d.chunkCount());
          out.println(
              "  size:     " + (d.sizeBytes() == null ? "unknown" : d.sizeBytes() + " bytes"));
          out.println("  owner:    " + (d.ownerId() == null ? "shared" : d.ownerId()));
          out.println("  version:  " + d.version());
          out.println("  added:    " + d.createdAt());
          out.println("  changed:  " + d.updatedAt());
          out.println("  sha-256:  " + d.contentHash());
          out.println("  paths:");
          for (String path : d.paths()) {
            out.println("    " + path);
          }
        }
        out.flush();
        return 0;
      }
    }
  }

  /** {@code documents rm ID|PATH...}: removes documents with all their paths. */
  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = {
        "Remove documents (rows, chunks, vectors, cached embeddings) with all their paths.",
        "The files themselves are not touched; ingest them again to get them back."
      })
  static final class RemoveDocuments implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin(name = "home")
    private HomeOptions home;

    @Mixin(name = "agent")
    private AgentOption agent;

    @Mixin(name = "json")
    private JsonOption json;

    @Parameters(arity = "1..*", paramLabel = "ID|PATH", description = "Documents to remove.")
    private List<String> documents;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (AgentSession session =
          AgentSession.open(
              home.home(), null, null, spec.commandLine().getErr(), agent.agentId())) {
        ElaviraAgent agent = session.agent();
        List<DocumentInfo> toRemove = new ArrayList<>();
        for (String document : documents) {
          toRemove.add(find(agent, document).orElseThrow(() -> notFound(document, home.home())));
        }
        List<Map<String, @Nullable Object>> removed = new ArrayList<>();
        for (DocumentInfo d : toRemove) {
          Optional<DocumentInfo> gone = agent.removeDocument(d.id());
          if (gone.isPresent()) {
            removed.add(toJson(gone.get()));
            if (!json.enabled()) {
              out.println(
                  "removed "
                      + d.name()
                      + " ("
                      + d.chunkCount()
                      + " chunk"
                      + (d.chunkCount() == 1 ? "" : "s")
                      + "; "
                      + String.join(", ", d.paths())
                      + ")");
            }
          }
        }
        if (json.enabled()) {
          out.println(JSON.writeValueAsString(Map.of("removed", removed)));
        }
        out.flush();
        return 0;
      }
    }
  }

  /** Finds a document by id, by path as given, or by that path made absolute. */
  static Optional<DocumentInfo> find(ElaviraAgent agent, String idOrPath) {
    Optional<DocumentInfo> found = agent.findDocument(idOrPath);
    if (found.isPresent()) {
      return found;
    }
    try {
      String absolute = Path.of(idOrPath).toAbsolutePath().normalize().toString();
      return absolute.equals(idOrPath) ? Optional.empty() : agent.findDocument(absolute);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static ElaviraException notFound(String document, Path home) {
    return new ElaviraException(
        "No document '"
            + document
            + "' in "
            + home
            + ": `elavira documents list` shows the documents with their paths.");
  }

  /** "cv.pdf ready 12 chunks 48.2 KB 2026-11-30T08:01:02Z (2 paths)". */
  private static String line(DocumentInfo d) {
    StringBuilder line = new StringBuilder();
    line.append(d.name())
        .append("  ")
        .append(d.status().name().toLowerCase(Locale.ROOT))
        .append("  ")
        .append(d.chunkCount())
        .append(d.chunkCount() == 1 ? " chunk" : " chunks");
    if (d.sizeBytes() != null) {
      line.append("  ").append(size(d.sizeBytes()));
    }
    line.append("  ").append(d.updatedAt()).append("  ").append(d.path());
    if (d.paths().size() > 1) {
      line.append(" (+").append(d.paths().size() - 1).append(" more)");
    }
    line.append("  id ").append(d.id());
    return line.toString();
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }

  /** A document as JSON: dates as ISO-8601 text. */
  static Map<String, @Nullable Object> toJson(DocumentInfo d) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("id", d.id());
    json.put("name", d.name());
    json.put("paths", d.paths());
    json.put("format", d.format());
    json.put("status", d.status().name().toLowerCase(Locale.ROOT));
    json.put("chunks", d.chunkCount());
    json.put("sizeBytes", d.sizeBytes());
    json.put("owner", d.ownerId());
    json.put("version", d.version());
    json.put("createdAt", d.createdAt().toString());
    json.put("updatedAt", d.updatedAt().toString());
    return json;
  }
}
