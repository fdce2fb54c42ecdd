package dev.nome.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.receipt.CanonicalJson;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.Ed25519;
import dev.nome.core.receipt.Receipt;
import dev.nome.core.receipt.ReceiptJournal;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.receipt.RunChain;
import dev.nome.core.receipt.RunEnded;
import dev.nome.server.ControlPlane;
import dev.nome.server.hosts.HostInfo;
import dev.nome.server.runs.RunRoute;
import dev.nome.server.runs.RunStore;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A paired host with a signing key the test holds, and runs whose receipts it uploads. */
public final class TestRuns {
  private TestRuns() {}

  /** A host paired on the owner's behalf, its device token and its Ed25519 key. */
  public record PairedHost(String token, String hostId, Ed25519.KeySigner signer) {}

  public static PairedHost pair(ControlPlane plane, String name) throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] x509 = pair.getPublic().getEncoded();
    var issued =
        plane.pairLocalHost(
            new HostInfo(name, "Linux 6.1 amd64", "dev", Base64.getEncoder().encodeToString(x509)));
    byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    return new PairedHost(
        issued.deviceToken(),
        issued.host().id(),
        Ed25519.KeySigner.fromPkcs8(issued.host().id(), pair.getPrivate().getEncoded(), raw));
  }

  /**
   * Records a run named {@code runId} on {@code hostId} under a new work item of {@code accountId},
   * as if the control plane had started it, so that tests naming their runs can upload receipts for
   * them (the audit store takes receipts only for runs the control plane started on the host).
   * Returns the work item's id.
   */
  public static String recordRun(
      ControlPlane plane, String runId, String hostId, String accountId) {
    var runs = plane.services().runs();
    String workItemId = runs.workItems().create(accountId, "runs of " + runId, "", "test").id();
    var route =
        new RunRoute(
            RunRoute.BYOK,
            RunRoute.BYOK_METERED,
            Optional.of("anthropic"),
            RunRoute.NO_CLI,
            Optional.empty(),
            Optional.empty());
    String made =
        runs.runs()
            .create(
                new RunStore.NewRun(
                    workItemId,
                    hostId,
                    accountId,
                    "byok:test",
                    route,
                    Optional.empty(),
                    Optional.empty(),
                    "/workspace",
                    "default",
                    "test run"),
                Optional.empty())
            .id();
    plane
        .database()
        .jdbi()
        .useHandle(
            h ->
                h.createUpdate("UPDATE agent_run SET id = :wanted WHERE id = :made")
                    .bind("wanted", runId)
                    .bind("made", made)
                    .execute());
    return workItemId;
  }

  /**
   * Builds the chain of {@code runId} as the host's runner would (run start, {@code receipts}, run
   * end when given) and uploads it in one signed batch; asserts it was accepted.
   */
  public static void upload(
      URI base,
      PairedHost host,
      String runId,
      String workItemId,
      List<Receipt> receipts,
      Optional<RunEnded> end)
      throws Exception {
    var res = tryUpload(base, host, runId, workItemId, receipts, end);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
  }

  /** As {@link #upload}, but returns the control plane's answer, whatever it is. */
  public static java.net.http.HttpResponse<String> tryUpload(
      URI base,
      PairedHost host,
      String runId,
      String workItemId,
      List<Receipt> receipts,
      Optional<RunEnded> end)
      throws Exception {
    List<ChainedReceipt> chained = new ArrayList<>();
    List<ChainSignature> signatures = new ArrayList<>();
    ReceiptJournal journal =
        (receipt, signature) -> {
          chained.add(receipt);
          signature.ifPresent(signatures::add);
        };
    RunChain chain =
        RunChain.start(
            runId, Optional.of(workItemId), host.signer(), journal, Clock.systemUTC(), 1_000);
    for (Receipt r : receipts) {
      chain.append(r);
    }
    if (end.isPresent()) {
      chain.end(end.get());
    }
    long lastSeq = chained.getLast().seq();
    if (signatures.stream().noneMatch(s -> s.seq() == lastSeq)) {
      signatures.add(ChainSignature.sign(chained.getLast(), host.signer()));
    }
    TreeMap<String, Object> batch = new TreeMap<>();
    batch.put("receipts", chained.stream().map(ReceiptJson::toMap).toList());
    batch.put("signatures", signatures.stream().map(ChainSignature::toMap).toList());
    return WebClient.bearer(
        base,
        host.token(),
        "POST",
        "/api/runs/" + runId + "/receipts",
        CanonicalJson.toText(batch));
  }
}
