package dev.nome.core.receipt;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 with the JDK's provider, keys as raw 32-byte public keys (what JSON and the database
 * carry) and PKCS#8 private keys (what key files hold).
 */
public final class Ed25519 {

  /** The X.509 SubjectPublicKeyInfo prefix of an Ed25519 key; the raw key follows it. */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Ed25519() {}

  /** True when {@code signature} is a valid signature of {@code data} by {@code rawPublicKey}. */
  public static boolean verify(byte[] rawPublicKey, byte[] data, byte[] signature) {
    if (rawPublicKey == null || rawPublicKey.length != 32 || signature == null) {
      return false;
    }
    try {
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(publicKey(rawPublicKey));
      v.update(data);
      return v.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
    System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }

  static byte[] raw(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
  }

  /** A signer holding its key in memory: the log's key, tests, and hosts until pairing lands. */
  public static final class KeySigner implements HostSigner {

    private final String id;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private KeySigner(String id, PrivateKey privateKey, byte[] publicKey) {
      this.id = Ids.check("signer id", id);
      this.privateKey = privateKey;
      this.publicKey = publicKey;
    }

    /** A fresh key pair. */
    public static KeySigner generate(String id) {
      try {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        return new KeySigner(id, pair.getPrivate(), raw(pair.getPublic()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 is missing from this JDK", e);
      }
    }

    /** A key loaded from its PKCS#8 form; refused when {@code rawPublicKey} is not its pair. */
    public static KeySigner fromPkcs8(String id, byte[] pkcs8, byte[] rawPublicKey) {
      try {
        PrivateKey key =
            KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        KeySigner signer = new KeySigner(id, key, rawPublicKey.clone());
        byte[] probe = "nome key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!verify(rawPublicKey, probe, signer.sign(probe))) {
          throw new IllegalArgumentException("the public key does not belong to the private key");
        }
        return signer;
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key", e);
      }
    }

    public byte[] pkcs8() {
      return privateKey.getEncoded();
    }

    @Override
    public String hostId() {
      return id;
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] data) {
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(privateKey);
        s.update(data);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 signing failed", e);
      }
    }
  }
}
