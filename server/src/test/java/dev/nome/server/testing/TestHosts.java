package dev.nome.server.testing;

import dev.nome.server.hosts.HostInfo;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Host descriptions with real Ed25519 public keys. */
public final class TestHosts {
  private TestHosts() {}

  public static String publicKey() {
    try {
      return Base64.getEncoder()
          .encodeToString(
              KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static HostInfo info(String name) {
    return new HostInfo(name, "Linux 6.1 amd64", "dev", publicKey());
  }

  public static String deviceRequestJson(String name) {
    return "{\"name\":\""
        + name
        + "\",\"os\":\"Linux 6.1 amd64\",\"user\":\"dev\",\"public_key\":\""
        + publicKey()
        + "\"}";
  }
}
