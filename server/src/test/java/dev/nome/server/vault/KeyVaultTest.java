package dev.nome.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.server.accounts.AccountStore;
import dev.nome.server.storage.Database;
import dev.nome.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyVaultTest {

  static final String SECRET = "sk-ant-api03-TESTKEY-0123456789abcdefWXYZ";

  @TempDir Path dir;
  Database db;
  KeyVault vault;
  VaultKeys keys;
  String alice;
  String bob;

  @BeforeEach
  void open() {
    db = Database.openSqlite(dir);
    MutableClock clock = new MutableClock();
    AccountStore accounts = new AccountStore(db.jdbi(), clock);
    accounts.ensureOwner();
    alice = accounts.byUsername("owner").orElseThrow().id();
    bob = "bob-account";
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO account (id, username, is_owner, created_at) VALUES (?, 'bob', ?, 0)",
                    bob,
                    false));
    keys = VaultKeys.load(dir, Map.of());
    vault = new KeyVault(db, keys, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theKeysetLivesInAnOwnerOnlyFileAndNotInTheDatabase() throws Exception {
    Path keyset = dir.resolve(VaultKeys.KEYSET_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(VaultKeys.FINGERPRINT_FILE))))
        .isEqualTo("rw-------");
    Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> VaultKeys.load(dir, Map.of()))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void listsShowLastFourAndFingerprintButNeverTheKey() {
    ProviderKey k = vault.add(alice, "anthropic", "work", null, SECRET);
    assertThat(k.lastFour()).isEqualTo("WXYZ");
    assertThat(k.fingerprint()).matches("[0-9a-f]{16}");
    assertThat(vault.list(alice)).singleElement().asString().doesNotContain(SECRET);
    assertThat(vault.list(bob)).isEmpty();
    assertThat(vault.reveal(alice, k.id())).isEqualTo(SECRET);
  }

  @Test
  void aCiphertextMovedToAnotherRecordOrAccountDoesNotDecrypt() {
    ProviderKey a = vault.add(alice, "openai", "a", null, "sk-proj-AAAAAAAAAAAAAAAA1111");
    ProviderKey b = vault.add(alice, "openai", "b", null, "sk-proj-BBBBBBBBBBBBBBBB2222");
    ProviderKey c = vault.add(bob, "openai", "a", null, "sk-proj-CCCCCCCCCCCCCCCC3333");
    // Copy a's ciphertext onto b (same account) and onto c (other account).
    db.jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "UPDATE provider_key SET ciphertext = (SELECT ciphertext FROM provider_key WHERE"
                      + " id = ?) WHERE id IN (?, ?)",
                  a.id(),
                  b.id(),
                  c.id());
            });
    assertThat(vault.reveal(alice, a.id())).endsWith("1111");
    assertThatThrownBy(() -> vault.reveal(alice, b.id())).isInstanceOf(VaultException.class);
    assertThatThrownBy(() -> vault.reveal(bob, c.id())).isInstanceOf(VaultException.class);
    // Moving the row itself to another account does not help either.
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE provider_key SET account_id = ?, name = 'moved' WHERE id = ?",
                    bob,
                    a.id()));
    assertThatThrownBy(() -> vault.reveal(bob, a.id())).isInstanceOf(VaultException.class);
  }

  @Test
  void rotationReplacesTheSecretAndKeepsNameAndHistory() {
    ProviderKey k = vault.add(alice, "google", "g", null, "AIzaSyOLDOLDOLDOLDOLD0001");
    ProviderKey r = vault.rotate(alice, k.id(), "AIzaSyNEWNEWNEWNEWNEW0002");
    assertThat(r.id()).isEqualTo(k.id());
    assertThat(r.name()).isEqualTo("g");
    assertThat(r.lastFour()).isEqualTo("0002");
    assertThat(r.fingerprint()).isNotEqualTo(k.fingerprint());
    assertThat(vault.reveal(alice, k.id())).endsWith("0002");
    assertThat(vault.history(alice, k.id()))
        .extracting(KeyVault.KeyEvent::event)
        .containsExactly("added", "rotated");
  }

  @Test
  void aRemovedKeyIsGoneFromStorage() throws Exception {
    ProviderKey k = vault.add(alice, "openai", "gone", null, "sk-proj-REMOVEME000000009999");
    byte[] ciphertext =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT ciphertext FROM provider_key WHERE id = :id")
                        .bind("id", k.id())
                        .mapTo(byte[].class)
                        .one());
    vault.remove(alice, k.id());
    assertThat(vault.list(alice)).isEmpty();
    assertThatThrownBy(() -> vault.reveal(alice, k.id())).isInstanceOf(VaultException.class);
    assertThat(vault.history(alice, k.id()))
        .extracting(KeyVault.KeyEvent::event)
        .containsExactly("added", "removed");
    byte[] stored = storageBytes();
    assertThat(indexOf(stored, ciphertext)).as("ciphertext bytes left in the files").isEqualTo(-1);
  }

  @Test
  void aCopyOfTheDatabaseHoldsNoKeyInTheClear() throws Exception {
    vault.add(alice, "anthropic", "work", null, SECRET);
    vault.add(
        alice, "openai-compatible", "local", "http://127.0.0.1:8080/v1", "sk-local-compat-5555");
    String everything = new String(storageBytes(), StandardCharsets.ISO_8859_1);
    assertThat(everything).doesNotContain(SECRET).doesNotContain("sk-local-compat-5555");
    assertThat(everything).doesNotContain(SECRET.substring(0, 20));
  }

  @Test
  void rotatingTheKeysetReencryptsEveryKeyUnderTheNewPrimary() {
    ProviderKey k = vault.add(alice, "anthropic", "work", null, SECRET);
    byte[] before = ciphertextOf(k.id());
    int oldPrimary = keys.primaryKeyId();
    assertThat(vault.rotateKeyset()).isEqualTo(1);
    assertThat(keys.primaryKeyId()).isNotEqualTo(oldPrimary);
    assertThat(keys.keyCount()).isEqualTo(1);
    byte[] after = ciphertextOf(k.id());
    assertThat(after).isNotEqualTo(before);
    // Tink's prefix: version byte then the 4-byte id of the key that encrypted it.
    int id = java.nio.ByteBuffer.wrap(after, 1, 4).getInt();
    assertThat(id).isEqualTo(keys.primaryKeyId());
    assertThat(vault.reveal(alice, k.id())).isEqualTo(SECRET);
    // A restart reads the rotated keyset from its file and still decrypts.
    KeyVault reopened = new KeyVault(db, VaultKeys.load(dir, Map.of()), new MutableClock());
    assertThat(reopened.reveal(alice, k.id())).isEqualTo(SECRET);
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> vault.add(alice, "acme", "x", null, SECRET))
        .hasMessageContaining("provider must be one of");
    assertThatThrownBy(() -> vault.add(alice, "openai", "x", null, "short"))
        .hasMessageContaining("8 to");
    assertThatThrownBy(() -> vault.add(alice, "openai-compatible", "x", "ftp://x", SECRET))
        .hasMessageContaining("base URL");
    assertThatThrownBy(() -> vault.add(alice, "openai", "x", "https://api.example", SECRET))
        .hasMessageContaining("only OpenAI-compatible");
    vault.add(alice, "openai", "x", null, SECRET);
    assertThatThrownBy(() -> vault.add(alice, "openai", "x", null, SECRET))
        .hasMessageContaining("exists already");
  }

  private byte[] ciphertextOf(String id) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT ciphertext FROM provider_key WHERE id = :id")
                    .bind("id", id)
                    .mapTo(byte[].class)
                    .one());
  }

  /** The database file and its write-ahead log, as a copy would see them. */
  private byte[] storageBytes() throws Exception {
    db.jdbi().useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list());
    var out = new java.io.ByteArrayOutputStream();
    for (String f : new String[] {Database.SQLITE_FILE, Database.SQLITE_FILE + "-wal"}) {
      Path p = dir.resolve(f);
      if (Files.exists(p)) {
        out.write(Files.readAllBytes(p));
      }
    }
    return out.toByteArray();
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
