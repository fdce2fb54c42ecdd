package dev.nome.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.receipt.Ids;
import dev.nome.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nome audit export}: downloads a self-contained bundle (receipts, signatures, host keys, a
 * checkpoint and proofs) for a work item (every run recorded for it) or for runs, to a file.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the audit bundle of a work item or of runs to a file.")
final class AuditExportCommand implements Callable<Integer> {

  static final String SERVER_ENV = "NOME_SERVER";

  static final class Which {
    @Option(names = "--work-item", description = "The work item whose runs to export.")
    String workItem;

    @Option(names = "--run", description = "A run to export (repeatable).")
    List<String> runs;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(names = "--out", required = true, description = "The bundle file to write.")
  Path out;

  @Option(
      names = "--server",
      description =
          "The control plane's URL (default: $" + SERVER_ENV + ", else http://127.0.0.1:7420).")
  String server;

  @Option(
      names = "--token-file",
      description = "Your user token (default: ~/.nome/user_token, from nome login).")
  Path tokenFile;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    URI base = URI.create(baseUrl());
    List<String> params = new ArrayList<>();
    if (which.workItem != null) {
      params.add("workItem=" + encode(checkId("work item", which.workItem)));
    } else {
      for (String run : which.runs) {
        params.add("run=" + encode(checkId("run", run)));
      }
    }
    Path token =
        tokenFile != null
            ? tokenFile
            : Path.of(System.getProperty("user.home"), ".nome", "user_token");
    Optional<String> bearer =
        Files.isReadable(token) ? Optional.of(Files.readString(token).strip()) : Optional.empty();
    Path target = out.toAbsolutePath();
    long bytes = download(base, bearer, params, target);
    spec.commandLine()
        .getOut()
        .println(
            "Wrote "
                + target
                + " ("
                + bytes
                + " bytes). Check it with: nome audit verify "
                + target);
    return 0;
  }

  /**
   * Downloads the bundle of {@code params} ({@code run=ID}, {@code workItem=ID}, URL-encoded) to
   * {@code target}, atomically; returns its size. A refusal is an {@code IOException} with the
   * control plane's message.
   */
  static long download(URI base, Optional<String> bearer, List<String> params, Path target)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("/api/audit/export?" + String.join("&", params)))
            .timeout(Duration.ofMinutes(10));
    bearer.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpResponse<InputStream> res;
    try {
      res =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new IOException("cannot reach the control plane at " + base + ": " + e.getMessage());
    }
    if (res.statusCode() != 200) {
      String body;
      try (InputStream in = res.body()) {
        body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      throw new IOException("the control plane refused the export: " + errorMessage(res, body));
    }
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".nome-audit-", ".tmp");
    long bytes;
    try (InputStream in = res.body()) {
      bytes = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return bytes;
  }

  private String baseUrl() {
    if (server != null && !server.isBlank()) {
      return server;
    }
    String env = System.getenv(SERVER_ENV);
    return env != null && !env.isBlank() ? env : "http://127.0.0.1:" + ServerConfig.DEFAULT_PORT;
  }

  private static String checkId(String what, String value) {
    if (!Ids.isValid(value)) {
      throw new IllegalArgumentException(what + " id '" + value + "' is not a valid identifier");
    }
    return value;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String errorMessage(HttpResponse<?> res, String body) {
    try {
      JsonNode error = new ObjectMapper().readTree(body).path("error");
      if (error.has("message")) {
        return error.get("message").asText() + " (" + error.path("code").asText() + ")";
      }
    } catch (IOException e) {
      // not the JSON error shape: fall through to the status
    }
    return "HTTP " + res.statusCode();
  }
}
