package dev.nome.server.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.token.TokenKind;
import dev.nome.server.accounts.AccountStore;
import dev.nome.server.accounts.TokenHash;
import dev.nome.server.hosts.HostStore;
import dev.nome.server.storage.Database;
import dev.nome.server.testing.MutableClock;
import dev.nome.server.testing.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RFC 8628 grant against a real database with a hand-moved clock. */
class PairingServiceTest {

  @TempDir Path dir;
  Database db;
  MutableClock clock;
  PairingService pairing;
  HostStore hosts;
  String owner;

  @BeforeEach
  void open() {
    db = Database.openSqlite(dir);
    clock = new MutableClock();
    AccountStore accounts = new AccountStore(db.jdbi(), clock);
    accounts.ensureOwner();
    owner = accounts.byUsername(AccountStore.OWNER_USERNAME).orElseThrow().id();
    hosts = new HostStore(db.jdbi(), clock);
    pairing = new PairingService(db.jdbi(), hosts, clock, 5);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void approvalIssuesOneWellFormedTokenStoredOnlyAsItsHash() {
    var auth = pairing.start(TestHosts.info("laptop"), "10.0.0.1").orElseThrow();
    assertThat(pairing.poll(auth.deviceCode()))
        .isEqualTo(new PairingService.Poll.Pending("authorization_pending", 5));
    var found = pairing.lookup(auth.userCode(), owner, "1.2.3.4");
    assertThat(found).isInstanceOf(PairingService.Lookup.Found.class);
    assertThat(((PairingService.Lookup.Found) found).host().name()).isEqualTo("laptop");
    assertThat(pairing.decide(auth.userCode(), owner, true)).isTrue();
    clock.advance(Duration.ofSeconds(5));
    var issued = (PairingService.Poll.Issued) pairing.poll(auth.deviceCode());
    assertThat(TokenKind.DEVICE.parse(issued.deviceToken())).isPresent();
    assertThat(hosts.findActiveByTokenHash(TokenHash.of(issued.deviceToken())))
        .hasValueSatisfying(h -> assertThat(h.name()).isEqualTo("laptop"));
    // Single use: the device code cannot fetch a second token, the user code cannot be reused.
    clock.advance(Duration.ofSeconds(5));
    assertThat(pairing.poll(auth.deviceCode()))
        .isInstanceOfSatisfying(
            PairingService.Poll.Failed.class, f -> assertThat(f.code()).isEqualTo("invalid_grant"));
    assertThat(pairing.decide(auth.userCode(), owner, true)).isFalse();
    assertThat(pairing.lookup(auth.userCode(), owner, "1.2.3.4"))
        .isInstanceOfSatisfying(
            PairingService.Lookup.Refused.class,
            r -> assertThat(r.message()).contains("already used"));
  }

  @Test
  void pollingFasterThanTheIntervalGetsSlowDownWithALongerInterval() {
    var auth = pairing.start(TestHosts.info("laptop"), "10.0.0.1").orElseThrow();
    pairing.poll(auth.deviceCode());
    clock.advance(Duration.ofSeconds(1));
    assertThat(pairing.poll(auth.deviceCode()))
        .isEqualTo(new PairingService.Poll.Pending("slow_down", 10));
    clock.advance(Duration.ofSeconds(6));
    assertThat(pairing.poll(auth.deviceCode()))
        .isEqualTo(new PairingService.Poll.Pending("slow_down", 15));
    clock.advance(Duration.ofSeconds(15));
    assertThat(pairing.poll(auth.deviceCode()))
        .isEqualTo(new PairingService.Poll.Pending("authorization_pending", 15));
  }

  @Test
  void codesExpireAfterTenMinutes() {
    var auth = pairing.start(TestHosts.info("laptop"), "10.0.0.1").orElseThrow();
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(pairing.lookup(auth.userCode(), owner, "1.2.3.4"))
        .isInstanceOfSatisfying(
            PairingService.Lookup.Refused.class, r -> assertThat(r.message()).contains("expired"));
    assertThat(pairing.decide(auth.userCode(), owner, true)).isFalse();
    assertThat(pairing.poll(auth.deviceCode()))
        .isInstanceOfSatisfying(
            PairingService.Poll.Failed.class, f -> assertThat(f.code()).isEqualTo("expired_token"));
  }

  @Test
  void denialIsFinal() {
    var auth = pairing.start(TestHosts.info("laptop"), "10.0.0.1").orElseThrow();
    assertThat(pairing.decide(auth.userCode(), owner, false)).isTrue();
    assertThat(pairing.poll(auth.deviceCode()))
        .isInstanceOfSatisfying(
            PairingService.Poll.Failed.class, f -> assertThat(f.code()).isEqualTo("access_denied"));
    assertThat(pairing.decide(auth.userCode(), owner, true)).isFalse();
  }

  @Test
  void wrongCodesLockOutEvenTheRightOne() {
    var auth = pairing.start(TestHosts.info("laptop"), "10.0.0.1").orElseThrow();
    for (int i = 0; i < PairingService.MAX_WRONG_CODES; i++) {
      assertThat(pairing.lookup("BBBB-BBBB", owner, "1.2.3.4"))
          .isInstanceOf(PairingService.Lookup.Refused.class);
    }
    assertThat(pairing.lookup(auth.userCode(), owner, "5.6.7.8"))
        .isInstanceOfSatisfying(
            PairingService.Lookup.Refused.class,
            r -> assertThat(r.message()).contains("too many wrong codes"));
    clock.advance(PairingService.WRONG_CODE_LOCKOUT.plusSeconds(1));
    assertThat(pairing.lookup(auth.userCode(), owner, "5.6.7.8"))
        .isInstanceOf(
            PairingService.Lookup.Refused.class); // expired by now: 10 min TTL < 15 lockout
  }

  @Test
  void oneAddressMayHaveOnlySoManyRequestsWaiting() {
    for (int i = 0; i < PairingService.MAX_PENDING_PER_ADDRESS; i++) {
      assertThat(pairing.start(TestHosts.info("h" + i), "10.0.0.9")).isPresent();
    }
    assertThat(pairing.start(TestHosts.info("one too many"), "10.0.0.9")).isEmpty();
    assertThat(pairing.start(TestHosts.info("elsewhere"), "10.0.0.10")).isPresent();
    // Expired requests no longer count.
    clock.advance(PairingService.CODE_TTL.plusSeconds(1));
    assertThat(pairing.start(TestHosts.info("later"), "10.0.0.9")).isPresent();
  }

  @Test
  void unknownDeviceCodesAreRefused() {
    assertThat(pairing.poll("nope"))
        .isInstanceOfSatisfying(
            PairingService.Poll.Failed.class, f -> assertThat(f.code()).isEqualTo("invalid_grant"));
  }
}
