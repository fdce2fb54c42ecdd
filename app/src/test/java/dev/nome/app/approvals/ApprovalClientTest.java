package dev.nome.app.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.approvals.ApprovalDecision;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.SseStream;
import dev.nome.server.testing.TestPostgres;
import dev.nome.server.testing.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's approval client against real control planes. */
class ApprovalClientTest {

  static final String PASSWORD = "owner password 1";

  @TempDir Path dirA;
  @TempDir Path dirB;

  static ApprovalClient.Ask ask(String action, Duration ttl) {
    return new ApprovalClient.Ask(
        Optional.of("wi-7"),
        "run-1",
        "shell",
        Tier.DANGER,
        Scrubbed.of(action),
        Scrubbed.of("the policy asks a person for danger-tier commands"),
        ttl);
  }

  @Test
  void twoInstancesOnOnePostgresqlRaiseOnOneDecideOnTheOther() throws Exception {
    String db = TestPostgres.get().createDatabase();
    try (ControlPlane a =
            ControlPlane.start(new ServerConfig("127.0.0.1", 0, dirA, Optional.of(db), 1), "t");
        ControlPlane b =
            ControlPlane.start(new ServerConfig("127.0.0.1", 0, dirB, Optional.of(db), 1), "t")) {
      WebClient.owner(b, PASSWORD); // the last instance to start holds the live setup link
      String userOnB = Approvals.userToken(b, PASSWORD);
      String host = Approvals.hostToken(a, "runner-box");
      ApprovalClient client = new ApprovalClient(a.url(), host);
      try (SseStream watchOnB = SseStream.bearer(b.url(), userOnB, null)) {
        ApprovalClient.Raised raised =
            client.raise(ask("terraform destroy", Duration.ofMinutes(10)));
        CompletableFuture<ApprovalDecision> waiting =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return client.await(raised);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        // B's subscriber hears of a request raised on A.
        assertThat(watchOnB.next().type()).isEqualTo("raised");
        var res = Approvals.decide(b.url(), userOnB, raised.id(), "approve", "go ahead");
        assertThat(res.statusCode()).isEqualTo(200);
        ApprovalDecision d = waiting.get(10, TimeUnit.SECONDS);
        assertThat(d.allows()).isTrue();
        assertThat(d.decidedBy()).contains("owner");
        assertThat(d.comment()).contains("go ahead");
        // And a second decision on A is refused with the one that stands.
        String userOnA = Approvals.userToken(a, PASSWORD);
        var late = Approvals.decide(a.url(), userOnA, raised.id(), "deny", null);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(WebClient.json(late).at("/request/state").asText()).isEqualTo("approved");
      }
    }
  }

  @Test
  void aDenialAndAnExpiryAreBothNo() throws Exception {
    try (ControlPlane plane =
        ControlPlane.start(new ServerConfig("127.0.0.1", 0, dirA, Optional.empty(), 1), "t")) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      ApprovalClient client = new ApprovalClient(plane.url(), Approvals.hostToken(plane, "h"));

      ApprovalClient.Raised raised = client.raise(ask("rm -rf /", Duration.ofMinutes(10)));
      assertThat(Approvals.decide(plane.url(), user, raised.id(), "deny", "no").statusCode())
          .isEqualTo(200);
      ApprovalDecision denied = client.await(raised);
      assertThat(denied.outcome()).isEqualTo(ApprovalDecision.Outcome.DENIED);
      assertThat(denied.allows()).isFalse();

      ApprovalDecision expired = client.raiseAndAwait(ask("rm -rf ~", Duration.ofSeconds(1)));
      assertThat(expired.outcome()).isEqualTo(ApprovalDecision.Outcome.EXPIRED);
      assertThat(expired.allows()).isFalse();
    }
  }

  @Test
  void theClientReconnectsWithLastEventIdAndLosingContactPastTheExpiryIsADenial() throws Exception {
    int port;
    ApprovalClient client;
    ApprovalClient.Raised kept;
    ApprovalClient.Raised orphan;
    ControlPlane first =
        ControlPlane.start(new ServerConfig("127.0.0.1", 0, dirA, Optional.empty(), 1), "t");
    try {
      WebClient.owner(first, PASSWORD);
      port = first.port();
      client =
          new ApprovalClient(
              first.url(),
              Approvals.hostToken(first, "h"),
              Duration.ofMillis(500),
              Duration.ofMillis(100));
      kept = client.raise(ask("deploy", Duration.ofMinutes(10)));
      orphan = client.raise(ask("deploy again", Duration.ofSeconds(2)));
    } finally {
      first.close();
    }
    // The control plane is down: the client keeps trying, then denies at expiry plus grace.
    long start = System.nanoTime();
    ApprovalDecision lost = client.await(orphan);
    assertThat(lost.outcome()).isEqualTo(ApprovalDecision.Outcome.LOST_CONTACT);
    assertThat(lost.allows()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

    CompletableFuture<ApprovalDecision> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return client.await(kept);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // It comes back on the same port; a person approves; the waiting client reconnects and sees it.
    try (ControlPlane again =
        ControlPlane.start(new ServerConfig("127.0.0.1", port, dirA, Optional.empty(), 1), "t")) {
      String user = Approvals.userToken(again, PASSWORD);
      assertThat(Approvals.decide(again.url(), user, kept.id(), "approve", null).statusCode())
          .isEqualTo(200);
      assertThat(waiting.get(10, TimeUnit.SECONDS).allows()).isTrue();
    }
  }
}
