package dev.nome.server.runs;

import dev.nome.core.route.Route;
import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.server.vault.KeyVault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work items and runs: creating them, resolving a run's route before anything runs (P11), the
 * host's status and usage reports, and artifacts. Every piece of text that is stored passes the
 * scrubber first (P5); every refusal is a {@link RunException} whose message is safe to show.
 */
public final class RunService {

  private static final Logger log = LoggerFactory.getLogger(RunService.class);

  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 20_000;
  public static final int MAX_TASK = 20_000;
  public static final int MAX_WORKSPACE = 4_096;
  public static final int MAX_STEP = 500;
  public static final int MAX_MESSAGE = 2_000;
  public static final int MAX_CLI_VERSION = 200;
  public static final long MAX_TOKENS_PER_REPORT = 1_000_000_000_000L;

  /** The error code of a host's usage report for a byok run. */
  public static final String USAGE_RECORDED_BY_PROXY = "usage_recorded_by_proxy";

  /** The largest artifact a host may upload. */
  public static final int MAX_ARTIFACT_BYTES = 8 * 1024 * 1024;

  private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z]+/[a-z0-9][a-z0-9.+-]{0,99}");

  /** The provider behind each seat CLI. */
  private static final Map<String, String> SEAT_PROVIDERS =
      Map.of("claude", "anthropic", "codex", "openai", "gemini", "google");

  private final WorkItemStore workItems;
  private final RunStore runs;
  private final ArtifactStore artifacts;
  private final RouteResolver resolver;
  private final Function<String, ScrubbedText> scrubber;

  public RunService(
      Jdbi jdbi, Clock clock, KeyVault vault, Function<String, ScrubbedText> scrubber) {
    this.workItems = new WorkItemStore(jdbi, clock);
    this.runs = new RunStore(jdbi, clock);
    this.artifacts = new ArtifactStore(jdbi, clock);
    this.resolver = new RouteResolver(vault, ModelFamilies.load());
    this.scrubber = scrubber;
  }

  public WorkItemStore workItems() {
    return workItems;
  }

  public RunStore runs() {
    return runs;
  }

  /** The route resolution, for callers that must check a byok route again (the model proxy). */
  public RouteResolver resolver() {
    return resolver;
  }

  // ---- work items ----

  public WorkItem createWorkItem(
      String accountId, String createdBy, String title, String description) {
    String t = title == null ? "" : title.strip();
    if (t.isEmpty() || t.length() > MAX_TITLE) {
      throw RunException.bad("a work item needs a title of 1 to " + MAX_TITLE + " characters");
    }
    String d = description == null ? "" : description.strip();
    if (d.length() > MAX_DESCRIPTION) {
      throw RunException.bad("the description is longer than " + MAX_DESCRIPTION + " characters");
    }
    return workItems.create(accountId, scrub(t), scrub(d), scrub(createdBy));
  }

  /** The account's work item {@code id}; another account's is as absent as a missing one. */
  public WorkItem workItem(String accountId, String id) {
    return workItems
        .get(id)
        .filter(w -> w.accountId().equals(accountId))
        .orElseThrow(() -> RunException.notFound("no such work item"));
  }

  public List<WorkItem> workItems(String accountId) {
    return workItems.list(accountId);
  }

  public List<Run> runsOf(String workItemId) {
    return runs.ofWorkItem(workItemId);
  }

  // ---- runs ----

  /** The outcome of {@link #start}. */
  public sealed interface StartResult {
    Run run();

    /** The route resolved; the run is {@code starting}. */
    record Started(Run run) implements StartResult {}

    /** The route cannot run; the run was recorded as stopped with the reason. */
    record Refused(Run run, Refusal refusal) implements StartResult {}
  }

  /**
   * Starts a run of {@code hostId} (of {@code accountId}) after resolving its route. A route that
   * cannot run is recorded as a stopped run with its typed reason and returned as {@link
   * StartResult.Refused}; nothing switches to another route.
   */
  public StartResult start(String hostId, String accountId, StartRequest req) {
    if (req.workItemId() == null || req.workItemId().isBlank()) {
      throw RunException.bad("workItemId is required");
    }
    WorkItem item = workItem(accountId, req.workItemId());
    Route route;
    try {
      route = Route.parse(req.route());
    } catch (IllegalArgumentException e) {
      throw RunException.bad(scrub(e.getMessage()));
    }
    String workspace = required("workspace", req.workspace(), MAX_WORKSPACE);
    String task = required("task", req.task(), MAX_TASK);
    String role = req.role() == null || req.role().isBlank() ? "default" : req.role().strip();
    if (!ROLE.matcher(role).matches()) {
      throw RunException.bad("role must be a short name of letters, digits, '.', '_' or '-'");
    }
    return switch (route) {
      case Route.Seat seat -> startSeat(hostId, item, seat, workspace, role, task, req);
      case Route.Byok byok -> startByok(hostId, item, byok, workspace, role, task, req);
    };
  }

  private StartResult startSeat(
      String hostId,
      WorkItem item,
      Route.Seat seat,
      String workspace,
      String role,
      String task,
      StartRequest req) {
    if (req.cli() == null || !req.cli().equals(seat.cli())) {
      throw RunException.bad(
          "a seat route needs the CLI the host resolved: cli must be \"" + seat.cli() + "\"");
    }
    Optional<Refusal> refusal = seatRefusal(seat, req.seatAuth());
    if (refusal.isEmpty() && (req.cliVersion() == null || req.cliVersion().isBlank())) {
      throw RunException.bad("a seat route needs the version the CLI reported (cliVersion)");
    }
    if (req.cliVersion() != null && req.cliVersion().length() > MAX_CLI_VERSION) {
      throw RunException.bad("cliVersion is longer than " + MAX_CLI_VERSION + " characters");
    }
    RunRoute record =
        new RunRoute(
            RunRoute.SEAT,
            RunRoute.PROVIDER_SUBSCRIPTION,
            Optional.of(SEAT_PROVIDERS.get(seat.cli())),
            seat.cli(),
            Optional.ofNullable(req.cliVersion())
                .filter(v -> !v.isBlank())
                .map(v -> scrub(v.strip())),
            Optional.empty());
    Run run =
        runs.create(
            new RunStore.NewRun(
                item.id(),
                hostId,
                item.accountId(),
                seat.text(),
                record,
                Optional.empty(),
                Optional.empty(),
                workspace,
                role,
                task),
            refusal);
    return refusal
        .<StartResult>map(r -> new StartResult.Refused(run, r))
        .orElseGet(() -> new StartResult.Started(run));
  }

  /**
   * The seat's sign-in state as the host's probe of the CLI's own status command reported it. A
   * state that does not show a sign-in stops the run before anything starts; Gemini CLI, which has
   * no status command, is known only at its first run.
   */
  private static Optional<Refusal> seatRefusal(Route.Seat seat, String seatAuth) {
    if (seatAuth == null) {
      return Optional.empty();
    }
    return switch (seatAuth) {
      case "signed-in", "unknown-until-first-run" -> Optional.empty();
      case "not-installed" ->
          Optional.of(
              new Refusal(
                  StopReason.SEAT_NOT_INSTALLED,
                  "the " + seat.cli() + " CLI is not installed on this host"));
      case "signed-out" ->
          Optional.of(
              new Refusal(
                  StopReason.SEAT_SIGNED_OUT,
                  "the " + seat.cli() + " CLI on this host is not signed in"));
      case "unknown" ->
          Optional.of(
              new Refusal(
                  StopReason.SEAT_SIGNED_OUT,
                  "the status command of the "
                      + seat.cli()
                      + " CLI did not show a sign-in on this host"));
      default ->
          throw RunException.bad(
              "seatAuth must be signed-in, signed-out, not-installed, unknown-until-first-run or"
                  + " unknown");
    };
  }

  private StartResult startByok(
      String hostId,
      WorkItem item,
      Route.Byok byok,
      String workspace,
      String role,
      String task,
      StartRequest req) {
    if (req.cli() != null || req.cliVersion() != null) {
      throw RunException.bad("a byok route runs NOME's own loop: cli and cliVersion are not taken");
    }
    RouteResolver.Resolution resolution = resolver.resolve(item.accountId(), byok);
    Optional<String> provider =
        resolution instanceof RouteResolver.Resolution.Resolved r
            ? Optional.of(r.key().provider().id())
            : Optional.empty();
    RunRoute record =
        new RunRoute(
            RunRoute.BYOK,
            RunRoute.BYOK_METERED,
            provider,
            RunRoute.NO_CLI,
            Optional.empty(),
            byok.model());
    RunStore.NewRun n =
        new RunStore.NewRun(
            item.id(),
            hostId,
            item.accountId(),
            scrub(byok.text()),
            record,
            Optional.of(byok.keyName()),
            resolution instanceof RouteResolver.Resolution.Resolved r
                ? Optional.of(r.key().id())
                : Optional.empty(),
            workspace,
            role,
            task);
    return switch (resolution) {
      case RouteResolver.Resolution.Resolved ok ->
          new StartResult.Started(runs.create(n, Optional.empty()));
      case RouteResolver.Resolution.Refused no -> {
        Refusal safe = new Refusal(no.refusal().reason(), scrub(no.refusal().message()));
        yield new StartResult.Refused(runs.create(n, Optional.of(safe)), safe);
      }
    };
  }

  /** A run as its own host sees it: 404 when there is none, 403 when it is another host's. */
  public Run runOfHost(String hostId, String runId) {
    Run run = runs.get(runId).orElseThrow(() -> RunException.notFound("no such run"));
    if (!run.hostId().equals(hostId)) {
      throw new RunException(
          RunException.Kind.FORBIDDEN, "forbidden", "this run belongs to another host");
    }
    return run;
  }

  /** A run of the account; another account's is as absent as a missing one. */
  public Run runOfAccount(String accountId, String runId) {
    return runs.get(runId)
        .filter(r -> r.accountId().equals(accountId))
        .orElseThrow(() -> RunException.notFound("no such run"));
  }

  /** The host reports where its run stands. Final states are final: a later report is a 409. */
  public Run report(String hostId, String runId, StatusReport report) {
    Run run = runOfHost(hostId, runId);
    RunState to =
        RunState.parse(report.status() == null ? "" : report.status())
            .orElseThrow(
                () ->
                    RunException.bad(
                        "status must be one of running, waiting-approval, succeeded, failed,"
                            + " stopped"));
    if (to == RunState.STARTING) {
      throw RunException.bad("a run cannot go back to starting");
    }
    Optional<String> reason = Optional.ofNullable(report.reason()).filter(s -> !s.isBlank());
    if (reason.isPresent()) {
      if (to != RunState.FAILED && to != RunState.STOPPED) {
        throw RunException.bad("a stop reason goes with failed or stopped only");
      }
      if (StopReason.parse(reason.get()).isEmpty()) {
        throw RunException.bad("reason is not a known stop reason code");
      }
    }
    Optional<String> message = optional("message", report.message(), MAX_MESSAGE);
    if (message.isPresent() && !to.terminal()) {
      throw RunException.bad("a message goes with a final status only");
    }
    Optional<String> step = optional("step", report.step(), MAX_STEP);
    if (run.status().terminal() || !runs.transition(runId, to, step, reason, message)) {
      Run now = runs.get(runId).orElseThrow();
      throw new RunException(
          RunException.Kind.CONFLICT,
          "run_ended",
          "the run already ended: "
              + now.status().code()
              + now.stopReason().map(r -> " (" + r + ")").orElse(""));
    }
    return runs.get(runId).orElseThrow();
  }

  /**
   * A person of the run's account stops it ({@code cancelled}). The host learns it from its next
   * report (409 naming the reason) and the model proxy from {@link #byokRun}, which is empty for
   * ended runs; a run that already ended is a 409.
   */
  public Run stop(String accountId, String runId, String byName) {
    Run run = runOfAccount(accountId, runId);
    Optional<String> message = Optional.of(scrub("stopped by " + byName));
    if (run.status().terminal()
        || !runs.transition(
            runId,
            RunState.STOPPED,
            Optional.empty(),
            Optional.of(StopReason.CANCELLED.code()),
            message)) {
      Run now = runs.get(runId).orElseThrow();
      throw new RunException(
          RunException.Kind.CONFLICT,
          "run_ended",
          "the run already ended: "
              + now.status().code()
              + now.stopReason().map(r -> " (" + r + ")").orElse(""));
    }
    return runs.get(runId).orElseThrow();
  }

  /**
   * A host reports the tokens its run used (seat routes: the CLI's own usage). A byok run is a 409
   * {@code usage_recorded_by_proxy}: every one of its model calls passed the model proxy, which
   * counted it ({@link #addProxyUsage}), so a host's report would count it twice.
   */
  public Run addUsage(String hostId, String runId, long inputTokens, long outputTokens) {
    Run run = runOfHost(hostId, runId);
    if (RunRoute.BYOK.equals(run.routeRecord().authLane())) {
      throw new RunException(
          RunException.Kind.CONFLICT,
          USAGE_RECORDED_BY_PROXY,
          "the usage of a byok run is recorded by the model proxy; hosts report usage for seat"
              + " runs only");
    }
    if (inputTokens < 0
        || outputTokens < 0
        || inputTokens > MAX_TOKENS_PER_REPORT
        || outputTokens > MAX_TOKENS_PER_REPORT) {
      throw RunException.bad("token counts must be whole numbers from 0 to 10^12");
    }
    runs.addUsage(runId, inputTokens, outputTokens);
    return runs.get(runId).orElseThrow();
  }

  /**
   * The model proxy adds what one provider answer of the run used. One {@code UPDATE … SET
   * input_tokens = input_tokens + :i}, so concurrent calls all count. Counts the provider reported
   * out of range are clamped (they are the provider's word, not a host's); an answer that arrived
   * after the run ended still counts, since its tokens were spent.
   */
  public void addProxyUsage(String runId, long inputTokens, long outputTokens) {
    runs.addUsage(runId, clamp(inputTokens), clamp(outputTokens));
  }

  private static long clamp(long tokens) {
    return Math.max(0, Math.min(tokens, MAX_TOKENS_PER_REPORT));
  }

  /**
   * Stores an artifact of the host's run. Every artifact passes the scrubber, read as ISO-8859-1 so
   * that each byte that is not part of a secret comes out unchanged whatever the encoding; size and
   * digest are of what is stored.
   */
  public Artifact putArtifact(
      String hostId, String runId, String name, String contentType, InputStream body)
      throws IOException {
    runOfHost(hostId, runId);
    if (name == null || !ARTIFACT_NAME.matcher(name).matches()) {
      throw RunException.bad(
          "an artifact name is 1 to 128 letters, digits, '.', '_' or '-', not starting with"
              + " a '.', '_' or '-'");
    }
    byte[] raw = body.readNBytes(MAX_ARTIFACT_BYTES + 1);
    if (raw.length > MAX_ARTIFACT_BYTES) {
      throw new RunException(
          RunException.Kind.TOO_LARGE,
          "too_large",
          "an artifact may be at most " + MAX_ARTIFACT_BYTES + " bytes");
    }
    byte[] clean =
        scrubber
            .apply(new String(raw, StandardCharsets.ISO_8859_1))
            .value()
            .getBytes(StandardCharsets.ISO_8859_1);
    return artifacts.put(runId, name, mediaType(contentType), clean, sha256(clean));
  }

  public List<Artifact> artifacts(String runId) {
    return artifacts.list(runId);
  }

  public Optional<ArtifactStore.Content> artifact(String runId, String name) {
    return artifacts.get(runId, name);
  }

  /**
   * The byok run {@code runId} while it has not ended: which host may call the model proxy for it,
   * the account whose vault holds the key, the key's name, the model and the provider.
   */
  public Optional<ByokRun> byokRun(String runId) {
    return runs.byokRun(runId);
  }

  /** A revoked host's runs stop (P12). */
  public void hostRevoked(String hostId) {
    for (String id : runs.openRunsOfHost(hostId)) {
      runs.transition(
          id,
          RunState.STOPPED,
          Optional.empty(),
          Optional.of(StopReason.HOST_REVOKED.code()),
          Optional.of("the host was revoked"));
    }
    log.info("stopped the open runs of a revoked host");
  }

  private String scrub(String text) {
    return scrubber.apply(text).value();
  }

  private String required(String field, String value, int max) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw RunException.bad(field + " is required");
    }
    if (v.length() > max) {
      throw RunException.bad(field + " is longer than " + max + " characters");
    }
    return scrub(v);
  }

  private Optional<String> optional(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(required(field, value, max));
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "application/octet-stream";
    }
    String t = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return MEDIA_TYPE.matcher(t).matches() ? t : "application/octet-stream";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
