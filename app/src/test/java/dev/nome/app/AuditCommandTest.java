package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.core.receipt.CanonicalJson;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.ReceiptJournal;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolIntent;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.Wiring;
import dev.nome.server.accounts.AccountStore;
import dev.nome.server.audit.AuditCallers;
import dev.nome.server.audit.HostDirectory;
import dev.nome.server.audit.HostKey;
import dev.nome.server.audit.RunDirectory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nome audit export} against a running control plane, {@code nome audit verify} offline. */
class AuditCommandTest {

  static final Ed25519.KeySigner HOST = Ed25519.KeySigner.generate("host-1");
  static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);
  static String readerToken;

  @TempDir static Path dir;
  static ControlPlane plane;
  static Path tokenFile;

  @BeforeAll
  static void startAndUploadTwoRuns() throws Exception {
    HostDirectory hosts =
        new HostDirectory() {
          @Override
          public Optional<HostKey> find(String hostId) {
            return hostId.equals("host-1")
                ? Optional.of(new HostKey("host-1", HOST.publicKey()))
                : Optional.empty();
          }

          @Override
          public boolean isRevoked(String hostId) {
            return false;
          }
        };
    // Stands in for starting the runs: both are host-1's, of the owner, under work item wi-9.
    AtomicReference<String> ownerId = new AtomicReference<>();
    RunDirectory runs =
        new RunDirectory() {
          @Override
          public Optional<Owner> find(String runId) {
            return List.of("run-1", "run-2").contains(runId)
                ? Optional.of(new Owner("host-1", ownerId.get(), Optional.of("wi-9")))
                : Optional.empty();
          }

          @Override
          public Optional<String> accountOfWorkItem(String workItemId) {
            return workItemId.equals("wi-9") ? Optional.of(ownerId.get()) : Optional.empty();
          }
        };
    plane =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, dir.resolve("server"), Optional.empty()),
            "test",
            new Wiring(
                hosts,
                runs,
                Optional.empty(),
                List.of(
                    ctx -> {
                      // Stands in for pairing: readers sign in for real with a user token.
                      if (ctx.header("X-Test-Host") != null) {
                        ctx.attribute(AuditCallers.HOST_ATTRIBUTE, ctx.header("X-Test-Host"));
                      }
                    }),
                Clock.systemUTC()));
    tokenFile = dir.resolve("user_token");
    var owner = plane.services().accounts().byUsername(AccountStore.OWNER_USERNAME).orElseThrow();
    ownerId.set(owner.id());
    readerToken = plane.services().userTokens().issue(owner, "audit test");
    Files.writeString(tokenFile, readerToken + "\n");
    upload("run-1", 4);
    upload("run-2", 2);
  }

  @AfterAll
  static void stop() throws Exception {
    plane.close();
  }

  static void upload(String runId, int tools) throws Exception {
    List<ChainedReceipt> receipts = new ArrayList<>();
    List<ChainSignature> signatures = new ArrayList<>();
    ReceiptJournal journal =
        (r, s) -> {
          receipts.add(r);
          s.ifPresent(signatures::add);
        };
    RunChain chain =
        RunChain.start(runId, Optional.of("wi-9"), HOST, journal, Clock.systemUTC(), 1000);
    for (int i = 0; i < tools; i++) {
      chain.append(
          new ToolIntent(
              "call-" + i,
              "shell",
              Tier.WRITE,
              SCRUBBER.scrub("make test TOKEN=ghp_R8kQz2VbN7xLpT4mW9cYhJ3sD6fG1aE5uKoi"),
              Decision.ALLOWED,
              "default",
              Optional.empty()));
    }
    chain.end(new RunEnded(RunStatus.COMPLETED, ScrubbedText.empty()));
    TreeMap<String, Object> batch = new TreeMap<>();
    batch.put("receipts", receipts.stream().map(ReceiptJson::toMap).toList());
    batch.put("signatures", signatures.stream().map(ChainSignature::toMap).toList());
    var res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(plane.url().resolve("/api/runs/" + runId + "/receipts"))
                    .header("X-Test-Host", "host-1")
                    .POST(HttpRequest.BodyPublishers.ofString(CanonicalJson.toText(batch)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
  }

  CliTest.Result export(String... which) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "export",
                "--server",
                plane.url().toString(),
                "--token-file",
                tokenFile.toString()));
    args.addAll(List.of(which));
    return CliTest.run(args.toArray(String[]::new));
  }

  @Test
  void exportsAWorkItemAndVerifiesItOffline() throws Exception {
    Path bundle = dir.resolve("wi-9.json");
    CliTest.Result exported = export("--work-item", "wi-9", "--out", bundle.toString());
    assertThat(exported.exit()).as(exported.err()).isZero();
    assertThat(exported.out()).contains("Wrote").contains("nome audit verify");

    CliTest.Result verified = CliTest.run("audit", "verify", bundle.toString());
    assertThat(verified.exit()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("Verified: 2 runs, 10 receipts").contains("--log-key");
  }

  @Test
  void exportsRunsAndPinsTheLogKey() throws Exception {
    Path bundle = dir.resolve("runs.json");
    assertThat(export("--run", "run-2", "--out", bundle.toString()).exit()).isZero();
    String checkpoint =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(plane.url().resolve("/api/audit/checkpoint"))
                    .header("Authorization", "Bearer " + readerToken)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    @SuppressWarnings("unchecked")
    String logKey =
        (String)
            ((Map<String, Object>)
                    new com.fasterxml.jackson.databind.ObjectMapper()
                        .readValue(checkpoint, Map.class))
                .get("publicKey");
    CliTest.Result pinned = CliTest.run("audit", "verify", "--log-key", logKey, bundle.toString());
    assertThat(pinned.exit()).as(pinned.err()).isZero();
    assertThat(pinned.out()).contains("Verified: 1 run, 4 receipts").doesNotContain("--log-key");

    String otherKey =
        java.util.Base64.getEncoder().encodeToString(Ed25519.KeySigner.generate("x").publicKey());
    CliTest.Result wrongKey =
        CliTest.run("audit", "verify", "--log-key", otherKey, bundle.toString());
    assertThat(wrongKey.exit()).isEqualTo(1);
    assertThat(wrongKey.err()).contains("bad checkpoint");
  }

  @Test
  void aTamperedBundleFailsNamingTheReceipt() throws Exception {
    Path bundle = dir.resolve("tampered.json");
    assertThat(export("--run", "run-1", "--out", bundle.toString()).exit()).isZero();
    String text = Files.readString(bundle, StandardCharsets.UTF_8);
    // Change what receipt 2 says the agent ran.
    int at = text.indexOf("\"seq\":2");
    int start = text.lastIndexOf("make test", at);
    String edited = text.substring(0, start) + "make TEST" + text.substring(start + 9);
    Files.writeString(bundle, edited, StandardCharsets.UTF_8);
    CliTest.Result r = CliTest.run("audit", "verify", bundle.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip())
        .startsWith("nome: ")
        .contains("run run-1, receipt 2: edited")
        .doesNotContain("\n");
  }

  @Test
  void badInputIsOneLineAndNonZero() throws Exception {
    Path cut = dir.resolve("cut.json");
    assertThat(export("--run", "run-1", "--out", cut.toString()).exit()).isZero();
    byte[] all = Files.readAllBytes(cut);
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    CliTest.Result r = CliTest.run("audit", "verify", cut.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("malformed");

    CliTest.Result missing = CliTest.run("audit", "verify", dir.resolve("nope.json").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).startsWith("nome: ").contains("does not exist");

    CliTest.Result unknown = export("--run", "run-404", "--out", dir.resolve("x.json").toString());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("no receipts for run run-404");

    CliTest.Result noAuth =
        CliTest.run(
            "audit",
            "export",
            "--server",
            plane.url().toString(),
            "--token-file",
            dir.resolve("none").toString(),
            "--run",
            "run-1",
            "--out",
            dir.resolve("y.json").toString());
    assertThat(noAuth.exit()).isEqualTo(1);
    assertThat(noAuth.err()).contains("unauthenticated");

    CliTest.Result both = export("--run", "run-1", "--work-item", "wi-9", "--out", "z.json");
    assertThat(both.exit()).isEqualTo(2);
  }
}
