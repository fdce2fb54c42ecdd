package dev.nome.server.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The vault's own secrets, never in the database: the Tink AEAD keyset (AES-256-GCM) and the HMAC
 * key for fingerprints. Each lives in its own 0600 file in the data directory ({@value
 * #KEYSET_FILE}, {@value #FINGERPRINT_FILE}), created on first use, or comes from the environment
 * ({@value #KEYSET_ENV} holds the keyset JSON, {@value #FINGERPRINT_ENV} the base64 HMAC key). A
 * file that others may read is refused.
 */
public final class VaultKeys {

  public static final String KEYSET_FILE = "keyset.json";
  public static final String FINGERPRINT_FILE = "vault-fingerprint.key";
  public static final String KEYSET_ENV = "NOME_VAULT_KEYSET";
  public static final String FINGERPRINT_ENV = "NOME_VAULT_FINGERPRINT_KEY";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Optional<Path> keysetFile;
  private volatile KeysetHandle keyset;
  private volatile Aead aead;
  private final byte[] fingerprintKey;

  private VaultKeys(Optional<Path> keysetFile, KeysetHandle keyset, byte[] fingerprintKey) {
    this.keysetFile = keysetFile;
    this.fingerprintKey = fingerprintKey;
    use(keyset);
  }

  /** Loads (or on first use creates) the vault keys for the data directory. */
  public static VaultKeys load(Path dataDir, java.util.Map<String, String> env) {
    try {
      KeysetHandle keyset;
      Optional<Path> file;
      String fromEnv = env.get(KEYSET_ENV);
      if (fromEnv != null && !fromEnv.isBlank()) {
        keyset = TinkJsonProtoKeysetFormat.parseKeyset(fromEnv, InsecureSecretKeyAccess.get());
        file = Optional.empty();
      } else {
        Path path = dataDir.resolve(KEYSET_FILE);
        if (Files.exists(path)) {
          keyset =
              TinkJsonProtoKeysetFormat.parseKeyset(
                  readOwnerOnly(path), InsecureSecretKeyAccess.get());
        } else {
          keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
          writeOwnerOnly(
              path,
              TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
        }
        file = Optional.of(path);
      }
      byte[] fp;
      String fpEnv = env.get(FINGERPRINT_ENV);
      if (fpEnv != null && !fpEnv.isBlank()) {
        fp = Base64.getDecoder().decode(fpEnv.strip());
      } else {
        Path path = dataDir.resolve(FINGERPRINT_FILE);
        if (Files.exists(path)) {
          fp = Base64.getDecoder().decode(readOwnerOnly(path).strip());
        } else {
          fp = new byte[32];
          new SecureRandom().nextBytes(fp);
          writeOwnerOnly(path, Base64.getEncoder().encodeToString(fp));
        }
      }
      if (fp.length < 32) {
        throw new VaultException("the fingerprint key must be at least 32 bytes");
      }
      return new VaultKeys(file, keyset, fp);
    } catch (GeneralSecurityException e) {
      throw new VaultException("the vault keyset cannot be read: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new VaultException("the vault keys cannot be read or created: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new VaultException("the fingerprint key is not valid base64", e);
    }
  }

  Aead aead() {
    return aead;
  }

  byte[] fingerprintKey() {
    return fingerprintKey.clone();
  }

  /** The id of the primary key, which encrypts everything new. */
  public int primaryKeyId() {
    return keyset.getPrimary().getId();
  }

  public int keyCount() {
    return keyset.size();
  }

  /** Adds a fresh AES-256-GCM key and makes it primary; the old keys still decrypt. */
  synchronized void addPrimary() throws GeneralSecurityException, IOException {
    KeysetHandle next =
        KeysetHandle.newBuilder(keyset)
            .addEntry(
                KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary())
            .build();
    save(next);
    use(next);
  }

  /** Removes every key but the primary (after everything was re-encrypted under it). */
  synchronized void dropAllButPrimary() throws GeneralSecurityException, IOException {
    KeysetHandle.Builder b = KeysetHandle.newBuilder(keyset);
    for (int i = b.size() - 1; i >= 0; i--) {
      if (!b.getAt(i).isPrimary()) {
        b.deleteAt(i);
      }
    }
    KeysetHandle next = b.build();
    save(next);
    use(next);
  }

  private void use(KeysetHandle handle) {
    try {
      this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
      this.keyset = handle;
    } catch (GeneralSecurityException e) {
      throw new VaultException("the vault keyset is not an AEAD keyset", e);
    }
  }

  private void save(KeysetHandle handle) throws GeneralSecurityException, IOException {
    if (keysetFile.isEmpty()) {
      throw new VaultException(
          "the keyset comes from " + KEYSET_ENV + "; rotate it there, not in the running server");
    }
    writeOwnerOnly(
        keysetFile.get(),
        TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
  }

  private static String readOwnerOnly(Path path) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
    if (!OWNER_ONLY.containsAll(perms)) {
      throw new VaultException(
          path + " can be read or written by others; fix it with: chmod 600 " + path);
    }
    return Files.readString(path, StandardCharsets.UTF_8);
  }

  /** Writes to a 0600 temporary file, syncs it, and moves it into place atomically. */
  static void writeOwnerOnly(Path path, String content) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
