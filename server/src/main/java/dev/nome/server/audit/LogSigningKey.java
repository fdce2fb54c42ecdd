package dev.nome.server.audit;

import dev.nome.core.receipt.Ed25519;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Properties;

/**
 * The audit log's Ed25519 signing key, kept in the data directory as {@code audit-log-key}
 * (owner-only, 0600): created on first start, written atomically, refused when it is readable by
 * others. Instances sharing one PostgreSQL must share this file.
 */
public final class LogSigningKey {

  public static final String FILE = "audit-log-key";

  private LogSigningKey() {}

  public static Ed25519.KeySigner loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      return load(file);
    }
    Ed25519.KeySigner key = Ed25519.KeySigner.generate("audit-log");
    Properties p = new Properties();
    p.setProperty("private", Base64.getEncoder().encodeToString(key.pkcs8()));
    p.setProperty("public", Base64.getEncoder().encodeToString(key.publicKey()));
    Path tmp = Files.createTempFile(dataDir, ".audit-log-key", ".tmp", ownerOnly());
    try {
      try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(out, "NOME audit log signing key (Ed25519). Keep private.");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return load(file);
  }

  private static Ed25519.KeySigner load(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      var perms = Files.getPosixFilePermissions(file);
      if (!PosixFilePermissions.toString(perms).substring(3).equals("------")) {
        throw new IOException(file + " must be readable by its owner only (chmod 600)");
      }
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    try {
      return Ed25519.KeySigner.fromPkcs8(
          "audit-log",
          Base64.getDecoder().decode(p.getProperty("private", "")),
          Base64.getDecoder().decode(p.getProperty("public", "")));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " does not hold a valid audit log key");
    }
  }

  private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly() {
    try {
      return new java.nio.file.attribute.FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    } catch (UnsupportedOperationException e) {
      return new java.nio.file.attribute.FileAttribute<?>[0];
    }
  }
}
