package dev.nome.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.core.text.VisibleText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nome approvals list|watch|approve|deny}: the approval queue from a terminal. */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description = "See and decide the tool calls waiting for a person.",
    subcommands = {
      ApprovalsCommand.ListCommand.class,
      ApprovalsCommand.WatchCommand.class,
      ApprovalsCommand.ApproveCommand.class,
      ApprovalsCommand.DenyCommand.class
    })
final class ApprovalsCommand implements Runnable {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where to connect; see {@link UserSession}. */
  static final class Target {
    @Option(
        names = "--server",
        description = "The control plane URL (default: where you signed in, else the local one).")
    String server;

    @Option(
        names = "--data-dir",
        description = "The local control plane's data directory (default: ~/.nome/server).")
    Path dataDir;

    UserSession session() throws IOException {
      return UserSession.resolve(server, dataDir);
    }
  }

  /** One request as a terminal shows it; text from agents is escaped so nothing can hide. */
  static void print(PrintWriter out, JsonNode r, Instant now) {
    String state = r.path("state").asText();
    StringBuilder head = new StringBuilder();
    head.append(r.path("id").asText())
        .append("  ")
        .append(r.path("tier").asText().toUpperCase(java.util.Locale.ROOT))
        .append("  ")
        .append(VisibleText.escape(r.path("tool").asText()))
        .append("  on ")
        .append(VisibleText.escape(r.path("host").asText()));
    if (state.equals("pending")) {
      Duration left = Duration.between(now, Instant.parse(r.path("expires_at").asText()));
      head.append("  ")
          .append(
              left.isNegative()
                  ? "expired"
                  : left.toMinutes() + "m" + left.toSecondsPart() + "s left");
    } else {
      head.append("  ").append(state);
      if (r.path("decided_by").isTextual() && !r.path("decided_by").asText().equals("system")) {
        head.append(" by ")
            .append(VisibleText.escape(r.path("decided_by").asText()))
            .append(" (")
            .append(r.path("decided_from").asText())
            .append(")");
      }
    }
    out.println(head);
    VisibleText action = VisibleText.of(r.path("action").asText());
    out.println("    action: " + action.text());
    if (action.altered()) {
      out.println("    (" + action.hidden() + " hidden or control character(s) shown escaped)");
    }
    out.println("    reason: " + VisibleText.escape(r.path("reason").asText()));
    if (r.path("comment").isTextual()) {
      out.println("    comment: " + VisibleText.escape(r.path("comment").asText()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List pending requests.")
  static final class ListCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Target target;

    @Option(names = "--history", description = "Also list recent decisions.")
    boolean history;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      UserSession s = target.session();
      UserSession.Answer a = s.send(s.request("/api/approvals").GET());
      if (a.status() != 200) {
        throw new IllegalStateException(a.errorMessage());
      }
      Instant now = Instant.now();
      JsonNode pending = a.body().path("pending");
      if (pending.isEmpty()) {
        out.println("Nothing is waiting for approval.");
      }
      pending.forEach(r -> print(out, r, now));
      if (history) {
        out.println();
        out.println("Decided:");
        a.body().path("history").forEach(r -> print(out, r, now));
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      description = "Show pending requests, then every change as it happens (Ctrl-C to stop).")
  static final class WatchCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Target target;

    @Option(names = "--max-events", hidden = true, description = "Stop after this many events.")
    int maxEvents = -1;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      UserSession s = target.session();
      UserSession.Answer a = s.send(s.request("/api/approvals").GET());
      if (a.status() != 200) {
        throw new IllegalStateException(a.errorMessage());
      }
      a.body().path("pending").forEach(r -> print(out, r, Instant.now()));
      out.println("Watching for approval requests on " + s.server() + " …");
      out.flush();
      long last = a.body().path("last_event_id").asLong();
      int seen = 0;
      int failures = 0;
      while (maxEvents < 0 || seen < maxEvents) {
        try {
          HttpResponse<InputStream> res = s.events(last);
          if (res.statusCode() != 200) {
            res.body().close();
            throw new IllegalStateException(
                res.statusCode() == 401
                    ? "the control plane refused the sign-in token; run: nome login"
                    : "the event stream answered " + res.statusCode());
          }
          failures = 0;
          try (BufferedReader in =
              new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            String line;
            while ((line = in.readLine()) != null) {
              if (line.startsWith("id:")) {
                id = line.substring(3).strip();
              } else if (line.startsWith("event:")) {
                type = line.substring(6).strip();
              } else if (line.startsWith("data:")) {
                JsonNode r = JSON.readTree(line.substring(5).strip()).path("request");
                out.println("[" + Instant.now().toString().substring(11, 19) + "] " + type);
                print(out, r, Instant.now());
                out.flush();
                if (id != null) {
                  last = Long.parseLong(id);
                }
                seen++;
                if (maxEvents >= 0 && seen >= maxEvents) {
                  return 0;
                }
              }
            }
          }
        } catch (IOException e) {
          if (++failures > 1) {
            out.println("(connection lost; reconnecting)");
            out.flush();
          }
          Thread.sleep(Math.min(5000, 250L * failures)); // back-off between reconnects
        }
      }
      return 0;
    }
  }

  abstract static class Decide implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin Target target;

    @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
    String id;

    @Option(
        names = "--comment",
        paramLabel = "TEXT",
        description = "Why (kept in the audit trail).")
    String comment;

    abstract String verb();

    @Override
    public Integer call() throws Exception {
      if (!id.matches("[0-9a-fA-F-]{1,64}")) {
        throw new IllegalArgumentException("not a request id: " + VisibleText.escape(id));
      }
      UserSession s = target.session();
      HttpRequest.Builder b = s.request("/api/approvals/" + id + "/" + verb());
      if (comment != null) {
        b.header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.createObjectNode().put("comment", comment).toString()));
      } else {
        b.POST(HttpRequest.BodyPublishers.noBody());
      }
      UserSession.Answer a = s.send(b);
      if (a.status() != 200) {
        throw new IllegalStateException(a.errorMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println((verb().equals("approve") ? "Approved " : "Denied ") + id + ".");
      out.flush();
      return 0;
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a request.")
  static final class ApproveCommand extends Decide {
    @Override
    String verb() {
      return "approve";
    }
  }

  @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a request.")
  static final class DenyCommand extends Decide {
    @Override
    String verb() {
      return "deny";
    }
  }
}
