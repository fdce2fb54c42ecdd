package dev.nome.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.route.StopReason;
import dev.nome.core.secrets.FingerprintKey;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.server.accounts.AccountStore;
import dev.nome.server.hosts.HostStore;
import dev.nome.server.storage.Database;
import dev.nome.server.storage.DatabaseUrl;
import dev.nome.server.testing.MutableClock;
import dev.nome.server.testing.TestHosts;
import dev.nome.server.testing.TestPostgres;
import dev.nome.server.vault.KeyVault;
import dev.nome.server.vault.VaultKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Work items, runs, route resolution and artifacts on SQLite and on a real PostgreSQL. */
class RunServiceTest {

  @TempDir Path dir;
  Database db;
  KeyVault vault;
  RunService service;
  String owner;
  String hostA;
  String hostB;
  WorkItem item;
  MutableClock clock;

  void open(String dialect) throws Exception {
    db =
        dialect.equals("postgresql")
            ? Database.open(DatabaseUrl.parsePostgres(TestPostgres.get().createDatabase()))
            : Database.openSqlite(dir);
    clock = new MutableClock();
    AccountStore accounts = new AccountStore(db.jdbi(), clock);
    accounts.ensureOwner();
    owner = accounts.byUsername("owner").orElseThrow().id();
    HostStore hosts = new HostStore(db.jdbi(), clock);
    hostA = hosts.create(owner, TestHosts.info("a"), "hash-a").id();
    hostB = hosts.create(owner, TestHosts.info("b"), "hash-b").id();
    vault = new KeyVault(db, VaultKeys.load(dir, Map.of()), clock);
    SecretScrubber scrubber =
        SecretScrubber.create(FingerprintKey.loadOrCreate(dir.resolve("fingerprint.key")));
    service = new RunService(db.jdbi(), clock, vault, scrubber::scrub);
    item = service.createWorkItem(owner, "owner", "Fix the build", "make it green");
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  static StartRequest byok(String workItem, String route) {
    return new StartRequest(workItem, route, "/home/dev/project", "coder", "fix it", null, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aByokRouteResolvesToItsKeysProviderAndIsRecordedAsMetadataOnly(String dialect)
      throws Exception {
    open(dialect);
    String secret = Secrets.anthropicKey();
    String keyId = vault.add(owner, "anthropic", "work", "", secret).id();
    RunService.StartResult r =
        service.start(hostA, owner, byok(item.id(), "byok:work/claude-sonnet-4-5"));
    assertThat(r).isInstanceOf(RunService.StartResult.Started.class);
    Run run = r.run();
    assertThat(run.status()).isEqualTo(RunState.STARTING);
    assertThat(run.routeRecord())
        .isEqualTo(
            new RunRoute(
                "byok",
                "byok-metered",
                Optional.of("anthropic"),
                "none",
                Optional.empty(),
                Optional.of("claude-sonnet-4-5")));
    assertThat(run.keyName()).contains("work");
    assertThat(service.byokRun(run.id()))
        .contains(
            new ByokRun(
                run.id(),
                hostA,
                owner,
                "work",
                keyId,
                Optional.of("claude-sonnet-4-5"),
                "anthropic"));
    // Nothing about the run holds the key.
    assertThat(run.toString()).doesNotContain(secret);
    assertThat(service.runsOf(item.id())).extracting(Run::id).containsExactly(run.id());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void routeFailuresAreTypedAndRecordedAsStoppedRunsWithoutAnyFallback(String dialect)
      throws Exception {
    open(dialect);
    vault.add(owner, "anthropic", "work", "", Secrets.anthropicKey());
    vault.add(owner, "openai", "other", "", "sk-proj-" + "x".repeat(40));

    var missing = service.start(hostA, owner, byok(item.id(), "byok:nope"));
    assertThat(missing).isInstanceOf(RunService.StartResult.Refused.class);
    assertThat(((RunService.StartResult.Refused) missing).refusal().reason().code())
        .isEqualTo("key-missing");
    assertThat(missing.run().status()).isEqualTo(RunState.STOPPED);
    assertThat(missing.run().stopReason()).contains("key-missing");
    assertThat(missing.run().endedAt()).isPresent();
    assertThat(service.byokRun(missing.run().id())).isEmpty();

    clock.advance(java.time.Duration.ofMillis(1));
    var wrongModel = service.start(hostA, owner, byok(item.id(), "byok:work/gpt-4o"));
    assertThat(wrongModel.run().stopReason()).contains("model-unavailable");
    assertThat(wrongModel.run().stopMessage().orElseThrow())
        .contains("Anthropic")
        .contains("gpt-4o");
    // The other key could serve gpt-4o; it is not used in its place (P11).
    assertThat(wrongModel.run().routeRecord().provider()).isEmpty();

    String id =
        vault.list(owner).stream().filter(k -> k.name().equals("work")).findFirst().get().id();
    clock.advance(java.time.Duration.ofMillis(1));
    var before = service.start(hostA, owner, byok(item.id(), "byok:work"));
    assertThat(before).isInstanceOf(RunService.StartResult.Started.class);
    vault.remove(owner, id);
    clock.advance(java.time.Duration.ofMillis(1));
    var removed = service.start(hostA, owner, byok(item.id(), "byok:work"));
    assertThat(removed.run().stopReason()).contains("key-removed");
    // The resolver the model proxy asks again sees the removal for the run that started before.
    assertThat(
            service
                .resolver()
                .resolve(owner, new dev.nome.core.route.Route.Byok("work", Optional.empty())))
        .isInstanceOfSatisfying(
            RouteResolver.Resolution.Refused.class,
            f -> assertThat(f.refusal().reason().code()).isEqualTo("key-removed"));

    assertThat(service.runsOf(item.id()))
        .extracting(r -> r.stopReason().orElse(r.status().code()))
        .containsExactly("key-missing", "model-unavailable", "starting", "key-removed");
  }

  @Test
  void modelsOfUnknownFamiliesAreAcceptedAndCompatibleEndpointsTakeAnyModel() throws Exception {
    open("sqlite");
    vault.add(owner, "anthropic", "a", "", Secrets.anthropicKey());
    vault.add(owner, "openai-compatible", "local", "http://127.0.0.1:9/v1", "local-key-123");
    assertThat(service.start(hostA, owner, byok(item.id(), "byok:a/my-finetune-7")))
        .isInstanceOf(RunService.StartResult.Started.class);
    assertThat(
            service
                .start(hostA, owner, byok(item.id(), "byok:a/gemini-2.5-pro"))
                .run()
                .stopReason())
        .contains("model-unavailable");
    var compatible = service.start(hostA, owner, byok(item.id(), "byok:local/gpt-4o"));
    assertThat(compatible).isInstanceOf(RunService.StartResult.Started.class);
    assertThat(compatible.run().routeRecord().provider()).contains("openai-compatible");
  }

  @Test
  void aSeatRouteRecordsTheCliTheHostResolvedAndItsSubscriptionLane() throws Exception {
    open("sqlite");
    var r =
        service.start(
            hostA,
            owner,
            new StartRequest(
                item.id(), "seat:claude", "/w", null, "task", "claude", "2.1.197 (Claude Code)"));
    assertThat(r.run().routeRecord())
        .isEqualTo(
            new RunRoute(
                "seat",
                "provider-subscription",
                Optional.of("anthropic"),
                "claude",
                Optional.of("2.1.197 (Claude Code)"),
                Optional.empty()));
    assertThat(r.run().role()).isEqualTo("default");
    assertThat(service.byokRun(r.run().id())).as("not a byok run").isEmpty();
    assertThatThrownBy(
            () ->
                service.start(
                    hostA,
                    owner,
                    new StartRequest(item.id(), "seat:claude", "/w", null, "t", "codex", "1")))
        .isInstanceOf(RunException.class)
        .hasMessageContaining("cli must be \"claude\"");
    assertThatThrownBy(() -> service.start(hostA, owner, byok(item.id(), "seat:cursor")))
        .isInstanceOf(RunException.class)
        .hasMessageContaining("unknown seat");
  }

  @Test
  void aSeatTheHostFoundNotInstalledOrSignedOutIsRecordedAsStoppedWithItsReason() throws Exception {
    open("sqlite");
    var missing =
        service.start(
            hostA,
            owner,
            new StartRequest(
                item.id(), "seat:codex", "/w", null, "t", "codex", null, "not-installed"));
    assertThat(missing).isInstanceOf(RunService.StartResult.Refused.class);
    assertThat(((RunService.StartResult.Refused) missing).refusal().reason())
        .isEqualTo(StopReason.SEAT_NOT_INSTALLED);
    assertThat(missing.run().status().code()).isEqualTo("stopped");
    assertThat(missing.run().routeRecord().cliVersion()).isEmpty();

    var out =
        service.start(
            hostA,
            owner,
            new StartRequest(
                item.id(), "seat:claude", "/w", null, "t", "claude", "2.1.197", "signed-out"));
    assertThat(((RunService.StartResult.Refused) out).refusal().reason())
        .isEqualTo(StopReason.SEAT_SIGNED_OUT);
    // A status command that could not tell is not a sign-in.
    var unsure =
        service.start(
            hostA,
            owner,
            new StartRequest(
                item.id(), "seat:claude", "/w", null, "t", "claude", "2.1.197", "unknown"));
    assertThat(((RunService.StartResult.Refused) unsure).refusal().reason())
        .isEqualTo(StopReason.SEAT_SIGNED_OUT);
    var gemini =
        service.start(
            hostA,
            owner,
            new StartRequest(
                item.id(),
                "seat:gemini",
                "/w",
                null,
                "t",
                "gemini",
                "0.9.0",
                "unknown-until-first-run"));
    assertThat(gemini).isInstanceOf(RunService.StartResult.Started.class);
    assertThatThrownBy(
            () ->
                service.start(
                    hostA,
                    owner,
                    new StartRequest(
                        item.id(), "seat:claude", "/w", null, "t", "claude", "2", "maybe")))
        .isInstanceOf(RunException.class)
        .hasMessageContaining("seatAuth");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void finalStatusesAreFinalAndOnlyTheRunsHostMovesIt(String dialect) throws Exception {
    open(dialect);
    vault.add(owner, "anthropic", "work", "", Secrets.anthropicKey());
    Run run = service.start(hostA, owner, byok(item.id(), "byok:work")).run();

    assertThatThrownBy(
            () -> service.report(hostB, run.id(), new StatusReport("running", null, null, null)))
        .isInstanceOfSatisfying(
            RunException.class, e -> assertThat(e.kind()).isEqualTo(RunException.Kind.FORBIDDEN));

    Run running =
        service.report(hostA, run.id(), new StatusReport("running", "reading src", null, null));
    assertThat(running.status()).isEqualTo(RunState.RUNNING);
    assertThat(running.step()).contains("reading src");
    assertThat(
            service
                .report(hostA, run.id(), new StatusReport("waiting-approval", null, null, null))
                .step())
        .as("a report without a step keeps the current one")
        .contains("reading src");
    assertThatThrownBy(
            () ->
                service.report(
                    hostA, run.id(), new StatusReport("running", null, "key-removed", null)))
        .isInstanceOf(RunException.class)
        .hasMessageContaining("failed or stopped only");
    assertThatThrownBy(
            () -> service.report(hostA, run.id(), new StatusReport("stopped", null, "bored", null)))
        .isInstanceOf(RunException.class)
        .hasMessageContaining("not a known stop reason");

    Run stopped =
        service.report(
            hostA, run.id(), new StatusReport("stopped", null, "key-removed", "the key went away"));
    assertThat(stopped.status()).isEqualTo(RunState.STOPPED);
    assertThat(stopped.stopReason()).contains("key-removed");
    assertThat(stopped.endedAt()).isPresent();
    assertThat(service.byokRun(run.id())).as("ended runs get no model calls").isEmpty();

    for (String next : List.of("running", "succeeded", "failed", "stopped")) {
      assertThatThrownBy(
              () -> service.report(hostA, run.id(), new StatusReport(next, null, null, null)))
          .isInstanceOfSatisfying(
              RunException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(RunException.Kind.CONFLICT);
                assertThat(e.getMessage()).contains("stopped (key-removed)");
              });
    }
    assertThat(service.runs().get(run.id()).orElseThrow().stopMessage())
        .contains("the key went away");
  }

  @Test
  void concurrentFinalReportsHaveOneWinner() throws Exception {
    open("sqlite");
    vault.add(owner, "anthropic", "work", "", Secrets.anthropicKey());
    Run run = service.start(hostA, owner, byok(item.id(), "byok:work")).run();
    AtomicInteger won = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (String to : List.of("succeeded", "failed", "stopped", "succeeded", "failed", "stopped")) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      service.report(hostA, run.id(), new StatusReport(to, null, null, null));
                      won.incrementAndGet();
                    } catch (RunException e) {
                      assertThat(e.kind()).isEqualTo(RunException.Kind.CONFLICT);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(won.get()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void usageAddsAndArtifactsAreStoredScrubbed(String dialect) throws Exception {
    open(dialect);
    vault.add(owner, "anthropic", "work", "", Secrets.anthropicKey());
    Run run =
        service
            .start(
                hostA,
                owner,
                new StartRequest(item.id(), "seat:claude", "/w", null, "task", "claude", "2.1"))
            .run();
    service.addUsage(hostA, run.id(), 100, 20);
    Run after = service.addUsage(hostA, run.id(), 5, 1);
    assertThat(after.inputTokens()).isEqualTo(105);
    assertThat(after.outputTokens()).isEqualTo(21);
    // A byok run's usage is the model proxy's count; a host's report of it is refused.
    Run byokRun = service.start(hostA, owner, byok(item.id(), "byok:work")).run();
    assertThatThrownBy(() -> service.addUsage(hostA, byokRun.id(), 5, 1))
        .isInstanceOfSatisfying(
            RunException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RunException.Kind.CONFLICT);
              assertThat(e.code()).isEqualTo(RunService.USAGE_RECORDED_BY_PROXY);
            });
    service.addProxyUsage(byokRun.id(), 40, 4);
    service.addProxyUsage(byokRun.id(), -3, Long.MAX_VALUE);
    Run counted = service.runOfHost(hostA, byokRun.id());
    assertThat(counted.inputTokens()).isEqualTo(40);
    assertThat(counted.outputTokens()).isEqualTo(4 + RunService.MAX_TOKENS_PER_REPORT);
    assertThatThrownBy(() -> service.addUsage(hostA, run.id(), -1, 0))
        .isInstanceOf(RunException.class);
    assertThatThrownBy(() -> service.addUsage(hostB, run.id(), 1, 0))
        .isInstanceOf(RunException.class);

    String planted = Secrets.anthropicKey();
    byte[] log =
        ("line one\nexport ANTHROPIC_API_KEY=" + planted + "\nünïcode stays\n")
            .getBytes(StandardCharsets.UTF_8);
    Artifact a =
        service.putArtifact(
            hostA, run.id(), "run.log", "text/plain; charset=utf-8", new ByteArrayInputStream(log));
    ArtifactStore.Content stored = service.artifact(run.id(), "run.log").orElseThrow();
    String text = new String(stored.bytes(), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(planted).contains("[REDACTED:").contains("ünïcode stays");
    assertThat(a.size()).isEqualTo(stored.bytes().length);
    assertThat(a.mediaType()).isEqualTo("text/plain");
    assertThat(service.artifacts(run.id())).extracting(Artifact::name).containsExactly("run.log");
    // The raw bytes are nowhere in the database.
    String dump =
        db.jdbi()
            .withHandle(
                h ->
                    h
                        .createQuery("SELECT content FROM run_artifact")
                        .mapTo(byte[].class)
                        .list()
                        .stream()
                        .map(b -> new String(b, StandardCharsets.ISO_8859_1))
                        .reduce("", String::concat));
    assertThat(dump).doesNotContain(planted);

    assertThatThrownBy(
            () ->
                service.putArtifact(
                    hostA,
                    run.id(),
                    "big.bin",
                    null,
                    new ByteArrayInputStream(new byte[RunService.MAX_ARTIFACT_BYTES + 1])))
        .isInstanceOfSatisfying(
            RunException.class, e -> assertThat(e.kind()).isEqualTo(RunException.Kind.TOO_LARGE));
    assertThatThrownBy(
            () ->
                service.putArtifact(
                    hostA, run.id(), "../etc", null, new ByteArrayInputStream(new byte[1])))
        .isInstanceOf(RunException.class);
    assertThatThrownBy(
            () ->
                service.putArtifact(
                    hostB, run.id(), "x.log", null, new ByteArrayInputStream(new byte[1])))
        .isInstanceOfSatisfying(
            RunException.class, e -> assertThat(e.kind()).isEqualTo(RunException.Kind.FORBIDDEN));
  }

  @Test
  void workItemsAndTasksAreScrubbedAndBelongToTheirAccount() throws Exception {
    open("sqlite");
    String planted = Secrets.anthropicKey();
    WorkItem w = service.createWorkItem(owner, "owner", "use " + planted, "key " + planted);
    assertThat(w.title()).doesNotContain(planted).contains("[REDACTED:");
    assertThat(w.description()).doesNotContain(planted);
    assertThatThrownBy(() -> service.workItem("someone-else", w.id()))
        .isInstanceOfSatisfying(
            RunException.class, e -> assertThat(e.kind()).isEqualTo(RunException.Kind.NOT_FOUND));
    assertThatThrownBy(() -> service.createWorkItem(owner, "owner", " ", null))
        .isInstanceOf(RunException.class);
    vault.add(owner, "anthropic", "work", "", Secrets.anthropicKey());
    Run run =
        service
            .start(
                hostA,
                owner,
                new StartRequest(
                    w.id(), "byok:work", "/w", "coder", "token " + planted, null, null))
            .run();
    assertThat(run.task()).doesNotContain(planted);
    // A host of another account cannot start a run on this account's work item.
    assertThatThrownBy(() -> service.start(hostA, "someone-else", byok(w.id(), "byok:work")))
        .isInstanceOfSatisfying(
            RunException.class, e -> assertThat(e.kind()).isEqualTo(RunException.Kind.NOT_FOUND));
  }

  @Test
  void aRevokedHostsOpenRunsStop() throws Exception {
    open("sqlite");
    vault.add(owner, "anthropic", "work", "", Secrets.anthropicKey());
    Run open = service.start(hostA, owner, byok(item.id(), "byok:work")).run();
    Run done = service.start(hostA, owner, byok(item.id(), "byok:work")).run();
    service.report(hostA, done.id(), new StatusReport("succeeded", null, null, null));
    Run other = service.start(hostB, owner, byok(item.id(), "byok:work")).run();
    service.hostRevoked(hostA);
    assertThat(service.runs().get(open.id()).orElseThrow().stopReason()).contains("host-revoked");
    assertThat(service.runs().get(done.id()).orElseThrow().status()).isEqualTo(RunState.SUCCEEDED);
    assertThat(service.runs().get(other.id()).orElseThrow().status()).isEqualTo(RunState.STARTING);
  }
}
