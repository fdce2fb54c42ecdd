package dev.nome.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.accounts.AccountStore;
import dev.nome.server.storage.Database;
import dev.nome.server.testing.MutableClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDirectoryTest {

  @TempDir Path dir;

  @Test
  void givesTheRegisteredKeyAndTheRevocationState() throws Exception {
    try (Database db = Database.openSqlite(dir)) {
      MutableClock clock = new MutableClock();
      AccountStore accounts = new AccountStore(db.jdbi(), clock);
      accounts.ensureOwner();
      String owner = accounts.byUsername("owner").orElseThrow().id();
      HostStore hosts = new HostStore(db.jdbi(), clock);
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      String pk = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
      Host host = hosts.create(owner, new HostInfo("h", "Linux", "u", pk), "hash");
      HostDirectory directory = new HostDirectory(hosts);

      var identity = directory.find(host.id()).orElseThrow();
      assertThat(identity.rawPublicKey()).hasSize(32);
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(pair.getPrivate());
      s.update(new byte[] {1, 2, 3});
      byte[] sig = s.sign();
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(identity.publicKey());
      v.update(new byte[] {1, 2, 3});
      assertThat(v.verify(sig)).isTrue();

      assertThat(directory.isRevoked(host.id())).isFalse();
      assertThat(directory.isRevoked("no-such-host")).isTrue();
      hosts.revoke(host.id(), owner, "account:" + owner, "test");
      assertThat(directory.isRevoked(host.id())).isTrue();
    }
  }
}
