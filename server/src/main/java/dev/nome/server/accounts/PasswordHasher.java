package dev.nome.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (Bouncy Castle), stored as a PHC string {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} so that parameters can be raised later and old
 * hashes still verify.
 *
 * <p>Parameters: 19 MiB of memory, 2 passes, 1 lane, 16-byte salt, 32-byte output — the minimum
 * OWASP's password storage guidance gives for Argon2id; about 30-60 ms per hash on a small server,
 * which together with the sign-in rate limit makes online guessing slow and offline guessing
 * expensive.
 */
public final class PasswordHasher {

  public static final int MEMORY_KIB = 19 * 1024;
  public static final int ITERATIONS = 2;
  public static final int PARALLELISM = 1;
  public static final int SALT_BYTES = 16;
  public static final int HASH_BYTES = 32;
  public static final int MIN_PASSWORD_LENGTH = 10;
  public static final int MAX_PASSWORD_LENGTH = 1024;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private PasswordHasher() {}

  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(out);
  }

  /** True when {@code password} matches {@code phc}; false for any malformed stored hash. */
  public static boolean verify(String password, String phc) {
    if (phc == null || password == null || password.length() > MAX_PASSWORD_LENGTH) {
      return false;
    }
    String[] parts = phc.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0, t = 0, p = 0;
      for (String kv : parts[3].split(",")) {
        String[] pair = kv.split("=", 2);
        int v = Integer.parseInt(pair[1]);
        switch (pair[0]) {
          case "m" -> m = v;
          case "t" -> t = v;
          case "p" -> p = v;
          default -> {
            return false;
          }
        }
      }
      if (m < 8 || m > 1 << 21 || t < 1 || t > 16 || p < 1 || p > 16) {
        return false;
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] derive(
      String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[length];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
