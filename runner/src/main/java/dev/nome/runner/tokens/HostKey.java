package dev.nome.runner.tokens;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * The host's Ed25519 key ({@code ~/.nome/host_key}, 0600): the private key signs this host's
 * receipts; its public key is registered with the control plane when pairing. The file holds the
 * PKCS#8 private key and the X.509 public key, base64, on two lines.
 */
public final class HostKey {

  private final KeyPair pair;

  private HostKey(KeyPair pair) {
    this.pair = pair;
  }

  public static HostKey generate() {
    try {
      return new HostKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** The public key as registered: X.509 SubjectPublicKeyInfo, base64. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
  }

  public PublicKey publicKey() {
    return pair.getPublic();
  }

  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(pair.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public void save(NomeHome home) throws IOException {
    Base64.Encoder b64 = Base64.getEncoder();
    new SecretFiles(home)
        .write(
            NomeHome.HOST_KEY,
            b64.encodeToString(pair.getPrivate().getEncoded())
                + "\n"
                + b64.encodeToString(pair.getPublic().getEncoded())
                + "\n");
  }

  public static Optional<HostKey> load(NomeHome home) throws IOException {
    Optional<String> raw = new SecretFiles(home).read(NomeHome.HOST_KEY);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String[] lines = raw.get().split("\n");
    try {
      KeyFactory kf = KeyFactory.getInstance("Ed25519");
      PrivateKey priv =
          kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0].strip())));
      PublicKey pub =
          kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines[1].strip())));
      return Optional.of(new HostKey(new KeyPair(pub, priv)));
    } catch (GeneralSecurityException
        | IllegalArgumentException
        | ArrayIndexOutOfBoundsException e) {
      throw new IOException("the host key file " + home.file(NomeHome.HOST_KEY) + " is damaged");
    }
  }

  public static boolean delete(NomeHome home) throws IOException {
    return new SecretFiles(home).delete(NomeHome.HOST_KEY);
  }
}
