package io.elavira.examples.server;

import io.elavira.ElaviraAgent;
import io.elavira.ElaviraException;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IngestException;
import io.elavira.examples.cli.ErrorJson;
import io.elavira.ingest.FileOutcome;
import io.elavira.ingest.IngestListener;
import io.elavira.ingest.IngestReport;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.store.DocumentInfo;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Documents: list what the caller may see (shared documents and their own), upload (multipart,
 * field {@code file}, one or more) then ingest through the CLI's ingestion pipeline as private to
 * the caller, with progress events when asked for, and delete. Uploads are stored under {@code
 * uploads/<hash of the user id>/<random>/<safe name>} in the home.
 */
final class DocumentApi {
  /** Files accepted in one upload request. */
  static final int MAX_FILES_PER_UPLOAD = 20;

  /** The multipart field holding the files. */
  static final String FIELD = "file";

  record DocumentView(
      String id,
      String name,
      String format,
      String status,
      int chunks,
      @Nullable Long sizeBytes,
      boolean shared,
      @Nullable String ownerId,
      String createdAt,
      String updatedAt) {}

  record FileResult(
      String file,
      String status,
      @Nullable String documentId,
      int chunks,
      @Nullable String reason) {}

  private final Http http;
  private final AgentDirectory agents;
  private final Path uploads;
  private final long maxUploadBytes;
  private final BiFunction<DocumentIndexer, IngestListener, IngestionPipeline> pipelines;
  private final Set<String> extensions;

  DocumentApi(
      Http http,
      AgentDirectory agents,
      Path uploads,
      long maxUploadBytes,
      BiFunction<DocumentIndexer, IngestListener, IngestionPipeline> pipelines) {
    this.http = http;
    this.agents = agents;
    this.uploads = uploads.toAbsolutePath().normalize();
    this.maxUploadBytes = maxUploadBytes;
    this.pipelines = pipelines;
    this.extensions =
        pipelines.apply(agents.defaultAgent(), (outcome, done, total) -> {}).supportedExtensions();
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/documents", Route.Access.USER, this::list),
        Route.post("/api/documents", Route.Access.USER, this::upload),
        Route.delete("/api/documents/{id}", Route.Access.USER, this::delete));
  }

  private void list(Context ctx) {
    try (AgentDirectory.Hold hold = agents.resolve(ctx.queryParam("agent"))) {
      list(ctx, hold.agent());
    }
  }

  private void list(Context ctx, ElaviraAgent agent) {
    Principal principal = Http.principal(ctx);
    List<DocumentView> views =
        agent.listDocuments().stream()
            .filter(d -> visible(d, principal))
            .map(d -> view(d, principal))
            .toList();
    http.json(ctx, 200, Map.of("documents", views));
  }

  private static boolean visible(DocumentInfo document, Principal principal) {
    return document.ownerId() == null
        || document.ownerId().equals(principal.userId())
        || principal.isAdmin();
  }

  private static DocumentView view(DocumentInfo d, Principal principal) {
    return new DocumentView(
        d.id(),
        d.name(),
        d.format(),
        d.status().name(),
        d.chunkCount(),
        d.sizeBytes(),
        d.ownerId() == null,
        principal.isAdmin() ? d.ownerId() : null,
        d.createdAt().toString(),
        d.updatedAt().toString());
  }

  private void upload(Context ctx) throws IOException {
    try (AgentDirectory.Hold hold = agents.resolve(ctx.queryParam("agent"))) {
      upload(ctx, hold.agent());
    }
  }

  private void upload(Context ctx, ElaviraAgent agent) throws IOException {
    Principal principal = Http.principal(ctx);
    String contentType = Objects.toString(ctx.contentType(), "");
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new ApiException(
          415,
          ApiException.UNSUPPORTED_MEDIA_TYPE,
          "Upload files as multipart/form-data in the field " + FIELD + ".");
    }
    long length = ctx.req().getContentLengthLong();
    if (length > maxUploadBytes * MAX_FILES_PER_UPLOAD) {
      throw tooLarge();
    }
    List<UploadedFile> files;
    try {
      files = ctx.uploadedFiles(FIELD);
    } catch (Exception e) { // Jetty's ServletException, thrown through Kotlin undeclared
      if (length > maxUploadBytes) {
        throw tooLarge(); // Jetty refuses a part over the multipart limits while reading it
      }
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT, "The body is not a readable multipart/form-data upload.");
    }
    if (files.isEmpty()) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT, "No file in the multipart field " + FIELD + ".");
    }
    if (files.size() > MAX_FILES_PER_UPLOAD) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT, "At most " + MAX_FILES_PER_UPLOAD + " files per upload.");
    }
    List<String> names = new ArrayList<>();
    for (UploadedFile file : files) {
      String name = UploadNames.safe(file.filename());
      if (!extensions.contains(UploadNames.extension(name))) {
        throw new ApiException(
            415,
            ApiException.UNSUPPORTED_MEDIA_TYPE,
            "No parser reads ."
                + UploadNames.extension(name)
                + " files; readable: "
                + String.join(", ", extensions.stream().sorted().toList())
                + ".");
      }
      if (file.size() > maxUploadBytes) {
        throw tooLarge();
      }
      names.add(name);
    }
    Path userFolder = uploads.resolve(folderOf(principal.userId()));
    List<Path> saved = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path target = userFolder.resolve(UUID.randomUUID().toString()).resolve(names.get(i));
      if (!target.normalize().startsWith(userFolder)) {
        throw new IllegalStateException("An upload name escaped its folder");
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = files.get(i).content()) {
        Files.copy(in, target);
      }
      saved.add(target);
    }
    ingest(ctx, principal, agent, saved);
  }

  private void ingest(Context ctx, Principal principal, ElaviraAgent agent, List<Path> saved) {
    EventStream events = EventStream.requested(ctx) ? new EventStream(ctx, http.mapper()) : null;
    IngestListener listener =
        (outcome, done, total) -> {
          if (events != null) {
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("done", done);
            progress.put("total", total);
            progress.put("file", outcome.path().getFileName().toString());
            progress.put("status", result(outcome).status());
            events.send("progress", progress);
          }
        };
    IngestReport report =
        pipelines.apply(new OwnedIndexer(agent, principal.userId()), listener).ingest(saved);
    List<FileResult> results = new ArrayList<>();
    for (FileOutcome outcome : report.outcomes()) {
      FileResult result = result(outcome);
      results.add(result);
      if (!outcome.succeeded()) {
        deleteUpload(outcome.path());
      }
    }
    Map<String, Object> body = Map.of("files", results);
    int status = report.nothingIngested() ? 422 : 201;
    if (events != null) {
      events.sendQuietly("result", body);
    } else {
      http.json(ctx, status, body);
    }
  }

  private static FileResult result(FileOutcome outcome) {
    String file = outcome.path().getFileName().toString();
    if (outcome.result() != null) {
      return new FileResult(
          file,
          outcome.result().status().name().toLowerCase(Locale.ROOT),
          outcome.result().documentId(),
          outcome.result().chunks(),
          null);
    }
    IngestException error = Objects.requireNonNull(outcome.error());
    // The message names the server's path: the client gets the typed reason only.
    return new FileResult(file, "failed", null, 0, error.reason().name().toLowerCase(Locale.ROOT));
  }

  private void delete(Context ctx) {
    try (AgentDirectory.Hold hold = agents.resolve(ctx.queryParam("agent"))) {
      delete(ctx, hold.agent());
    }
  }

  private void delete(Context ctx, ElaviraAgent agent) {
    Principal principal = Http.principal(ctx);
    String id = ctx.pathParam("id");
    DocumentInfo document =
        agent
            .findDocument(id)
            .filter(d -> d.id().equals(id))
            .filter(d -> visible(d, principal))
            .orElseThrow(() -> ApiException.notFound("Document"));
    if (document.ownerId() == null && !principal.isAdmin()) {
      throw new ApiException(
          403, ApiException.FORBIDDEN, "Only an admin deletes a document shared by every user.");
    }
    agent.removeDocument(id);
    for (String path : document.paths()) {
      deleteUpload(Path.of(path));
    }
    ctx.status(204);
  }

  /** Deletes an uploaded file and its folder; paths outside the upload area are left alone. */
  private void deleteUpload(Path file) {
    Path normalized = file.toAbsolutePath().normalize();
    if (!normalized.startsWith(uploads)) {
      return;
    }
    try {
      Files.deleteIfExists(normalized);
      Path folder = normalized.getParent();
      if (folder != null && !folder.equals(uploads)) {
        try (var left = Files.list(folder)) {
          if (left.findAny().isEmpty()) {
            Files.deleteIfExists(folder);
          }
        }
      }
    } catch (IOException e) {
      throw new ElaviraException(
          "Cannot delete an uploaded file: " + e.getClass().getSimpleName(), e);
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        413,
        ApiException.PAYLOAD_TOO_LARGE,
        "A file is over the upload limit of " + maxUploadBytes + " bytes.");
  }

  /** The user's upload folder name: a hash, so that user ids never appear in paths. */
  static String folderOf(String userId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
