package dev.nome.core.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** What a candidate must pass besides its pattern, named in {@code rules.txt} by {@link #id}. */
enum Check {
  /** The format alone is specific enough. */
  NONE("none"),
  /** The value must look random: several character classes and enough entropy. */
  RANDOM("random"),
  /**
   * GitHub tokens carry a CRC32 of their random part in the last six base62 characters. A token
   * whose checksum holds is always redacted; one whose checksum does not is redacted only if it
   * looks random (fail closed: a mistyped real token is still a token).
   */
  GITHUB_CRC32("github-crc32"),
  /**
   * NOME device tokens: {@code nome_dt_} + 27 base62 characters + 6 base62 characters of CRC32 over
   * everything before them. Always redacted; the checksum only sharpens the count of verified
   * tokens.
   */
  NOME_CRC32("nome-crc32"),
  /** Base64 that decodes to a PEM private key (a Kubernetes secret value). */
  BASE64_PRIVATE_KEY("base64-private-key"),
  /** Base64 of {@code user:password} (Basic auth, docker config auths), or an opaque token. */
  DOCKER_AUTH("docker-auth"),
  /** A password inside a URL: not trivial, not the user name again. */
  URL_PASSWORD("url-password"),
  /** A password given on a command line or in a connection string. */
  PASSWORD("password"),
  /** {@code password = value}: the key is not a file/name reference and the value not a word. */
  ASSIGNMENT_PASSWORD("assignment-password"),
  /** {@code token = value} and friends: as above, and the value must look random. */
  ASSIGNMENT_SECRET("assignment-secret");

  final String id;

  Check(String id) {
    this.id = id;
  }

  static Check parse(String id) {
    for (Check c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown check: " + id);
  }

  /**
   * @param match the whole match of the rule's pattern
   * @param secret the secret group
   * @param keySuffix for assignments, the characters of the key after the keyword
   */
  boolean accepts(String match, String secret, String keySuffix) {
    return switch (this) {
      case NONE, NOME_CRC32 -> true;
      case RANDOM -> looksRandom(secret, 16);
      case GITHUB_CRC32 -> githubChecksumHolds(secret) || looksRandom(secret, 16);
      case BASE64_PRIVATE_KEY -> decodesTo(secret, "PRIVATE KEY");
      case DOCKER_AUTH -> decodesTo(secret, ":") || looksRandom(secret, 24);
      case URL_PASSWORD -> urlPassword(match, secret);
      case PASSWORD -> password(secret);
      case ASSIGNMENT_PASSWORD -> keyNamesAValue(keySuffix) && password(secret);
      case ASSIGNMENT_SECRET ->
          keyNamesAValue(keySuffix) && !isPathOrUrl(secret) && looksRandom(secret, 12);
    };
  }

  // ------------------------------------------------------------------ the checks

  static boolean githubChecksumHolds(String token) {
    int underscore = token.indexOf('_');
    if (underscore < 0 || token.length() - underscore - 1 != 36) {
      return false;
    }
    String body = token.substring(underscore + 1, token.length() - 6);
    return Checksums.base62Crc32(body).equals(token.substring(token.length() - 6));
  }

  /** Whether a NOME device token's checksum holds (prefix and body, then six base62 digits). */
  static boolean deviceTokenChecksumHolds(String token) {
    if (!token.startsWith("nome_dt_") || token.length() < 8 + 27 + 6) {
      return false;
    }
    String signed = token.substring(0, token.length() - 6);
    return Checksums.base62Crc32(signed).equals(token.substring(token.length() - 6));
  }

  private static boolean decodesTo(String b64, String needle) {
    try {
      String s = b64;
      int pad = (4 - s.length() % 4) % 4;
      if (pad == 3) {
        return false;
      }
      s = s + "==".substring(0, pad);
      byte[] bytes =
          s.indexOf('-') >= 0 || s.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(s)
              : Base64.getDecoder().decode(s);
      return new String(bytes, StandardCharsets.ISO_8859_1).contains(needle);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static final String[] TRIVIAL_PASSWORDS = {
    "password",
    "passwd",
    "postgres",
    "root",
    "admin",
    "secret",
    "test",
    "guest",
    "user",
    "mysql",
    "pass",
    "changeit"
  };

  private static boolean urlPassword(String match, String secret) {
    // match = "://user:password@"
    int colon = match.indexOf(':', 3);
    String user = colon > 3 ? match.substring(3, colon) : "";
    if (secret.equals(user)) {
      return false;
    }
    String lower = secret.toLowerCase(Locale.ROOT);
    for (String t : TRIVIAL_PASSWORDS) {
      if (lower.equals(t)) {
        return false;
      }
    }
    return true;
  }

  private static boolean password(String s) {
    if (s.length() < 6 || isPathOrUrl(s)) {
      return false;
    }
    int classes = classes(s);
    if (classes < 2) {
      return false;
    }
    // An identifier such as getPassword or this.password is code, not a password.
    if (isIdentifierLike(s)) {
      return false;
    }
    return entropy(s) >= 2.2;
  }

  /** Letters, dots and underscores only, with no digit: code or a word. */
  private static boolean isIdentifierLike(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetter(c) || c == '.' || c == '_' || c == '-' || c == ':')) {
        return false;
      }
    }
    // Long mixed-case runs of letters are random enough to be keys.
    return s.length() < 24 || classes(s) < 2;
  }

  private static boolean isPathOrUrl(String s) {
    char c = s.charAt(0);
    return c == '/'
        || c == '~'
        || c == '.' && s.length() > 1 && s.charAt(1) == '/'
        || s.contains("://")
        || s.startsWith("file:")
        || s.startsWith("arn:")
        || s.startsWith("projects/")
        || s.startsWith("vault:")
        || s.startsWith("op://");
  }

  private static final String[] VALUE_KEY_SUFFIXES = {
    "name",
    "id",
    "ids",
    "file",
    "path",
    "ref",
    "arn",
    "url",
    "uri",
    "type",
    "count",
    "len",
    "length",
    "hash",
    "version",
    "expires",
    "expiry",
    "expiration",
    "at",
    "env",
    "var",
    "header",
    "field",
    "endpoint",
    "dir",
    "prefix",
    "label",
    "ttl",
    "timeout",
    "usage",
    "limit",
    "provider",
    "store",
    "kind",
    "source",
    "mode",
    "enabled",
    "required",
    "format",
    "location",
    "policy",
    "rotation",
    "size",
    "scope",
    "scopes",
    "method",
    "strategy",
    "template",
    "class",
    "key_name",
    "manager",
    "helper",
    "command",
    "cmd",
    "store",
    "reset",
    "changed",
    "updated",
    "created",
    "set",
    "ms",
    "seconds",
    "secs",
    "s",
    "encoding",
    "algorithm",
    "alg",
    "mount",
    "volume",
    "selector",
    "position",
    "index",
    "hint",
    "regex",
    "pattern",
    "placeholder",
    "input",
    "prompt",
    "text",
    "label",
    "description",
    "desc",
    "note",
    "confirmation",
    "confirm",
    "strength",
    "policy",
    "min",
    "max",
    "rules",
    "digest",
    "sha",
    "checksum",
    "fingerprint",
    "kid",
    "issuer",
    "audience"
  };

  /** Whether the key names the secret itself rather than something about it. */
  private static boolean keyNamesAValue(String keySuffix) {
    if (keySuffix.isEmpty()) {
      return true;
    }
    String k = keySuffix.toLowerCase(Locale.ROOT);
    for (String suffix : VALUE_KEY_SUFFIXES) {
      if (k.endsWith(suffix)) {
        int before = k.length() - suffix.length() - 1;
        // "s" and "at" only as a whole word part (tokens_s? no: "_at", "s" plural of the key).
        if (suffix.length() <= 2 && before >= 0 && Character.isLetterOrDigit(k.charAt(before))) {
          continue;
        }
        return false;
      }
    }
    return true;
  }

  static boolean looksRandom(String s, int minLength) {
    if (s.length() < minLength) {
      return false;
    }
    if (isIdentifierLike(s)) {
      return false;
    }
    int classes = classes(s);
    double e = entropy(s);
    if (classes >= 3) {
      return e >= 3.0;
    }
    if (classes == 2) {
      // Hex and lower-case alphanumerics: longer and dense.
      return s.length() >= Math.max(minLength, 16) && e >= 3.2;
    }
    return false;
  }

  static int classes(String s) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        other = true;
      }
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }

  /** Shannon entropy in bits per character. */
  static double entropy(String s) {
    int[] counts = new int[128];
    int n = 0;
    int otherChars = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        otherChars++;
      }
      n++;
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * Math.log(p);
      }
    }
    if (otherChars > 0) {
      double p = (double) otherChars / n;
      h -= p * Math.log(p);
    }
    return h / Math.log(2);
  }
}
