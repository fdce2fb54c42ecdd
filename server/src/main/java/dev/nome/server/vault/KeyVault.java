package dev.nome.server.vault;

import dev.nome.server.storage.Database;
import dev.nome.server.storage.Dialect;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * BYOK provider keys: added, rotated and removed by their owner, stored only as Tink AEAD
 * ciphertext whose associated data is {@code nome-provider-key/v1|<account id>|<key id>}, so a
 * ciphertext copied to another row or account does not decrypt. Nothing here returns a key except
 * {@link #reveal}, which exists for the control plane's model proxy alone.
 */
public final class KeyVault {

  public static final int MIN_SECRET = 8;
  public static final int MAX_SECRET = 1000;
  public static final int MAX_NAME = 80;

  private static final String COLUMNS =
      "id, provider, name, base_url, last_four, fingerprint, created_at, rotated_at";

  private final Database database;
  private final VaultKeys keys;
  private final Clock clock;

  public KeyVault(Database database, VaultKeys keys, Clock clock) {
    this.database = database;
    this.keys = keys;
    this.clock = clock;
  }

  public List<ProviderKey> list(String accountId) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM provider_key WHERE account_id = :a ORDER BY name")
                    .bind("a", accountId)
                    .map(KeyVault::map)
                    .list());
  }

  public ProviderKey add(
      String accountId, String providerId, String name, String baseUrl, String secret) {
    Provider provider =
        Provider.parse(providerId)
            .orElseThrow(
                () ->
                    new VaultException(
                        "provider must be one of anthropic, openai, google, openai-compatible"));
    String cleanName = checkName(name);
    Optional<String> url = checkBaseUrl(provider, baseUrl);
    String cleanSecret = checkSecret(secret);
    String id = UUID.randomUUID().toString();
    byte[] ciphertext = encrypt(accountId, id, cleanSecret);
    long now = clock.millis();
    String fp = fingerprint(cleanSecret);
    String lastFour = lastFour(cleanSecret);
    database
        .jdbi()
        .useTransaction(
            h -> {
              boolean taken =
                  h.createQuery(
                              "SELECT COUNT(*) FROM provider_key WHERE account_id = :a AND name = :n")
                          .bind("a", accountId)
                          .bind("n", cleanName)
                          .mapTo(Integer.class)
                          .one()
                      > 0;
              if (taken) {
                throw new VaultException("a key named \"" + cleanName + "\" exists already");
              }
              h.createUpdate(
                      "INSERT INTO provider_key (id, account_id, provider, name, base_url,"
                          + " last_four, fingerprint, ciphertext, created_at) VALUES (:id, :a, :p,"
                          + " :n, :u, :l4, :fp, :c, :now)")
                  .bind("id", id)
                  .bind("a", accountId)
                  .bind("p", provider.id())
                  .bind("n", cleanName)
                  .bind("u", url.orElse(null))
                  .bind("l4", lastFour)
                  .bind("fp", fp)
                  .bind("c", ciphertext)
                  .bind("now", now)
                  .execute();
              event(h, id, accountId, "added", cleanName, lastFour, fp, now);
            });
    return get(accountId, id).orElseThrow();
  }

  /** Replaces the secret of a key, keeping its id, name and history. */
  public ProviderKey rotate(String accountId, String keyId, String newSecret) {
    String cleanSecret = checkSecret(newSecret);
    ProviderKey before = get(accountId, keyId).orElseThrow(() -> new VaultException("no such key"));
    byte[] ciphertext = encrypt(accountId, keyId, cleanSecret);
    long now = clock.millis();
    String fp = fingerprint(cleanSecret);
    String lastFour = lastFour(cleanSecret);
    database
        .jdbi()
        .useTransaction(
            h -> {
              h.createUpdate(
                      "UPDATE provider_key SET ciphertext = :c, last_four = :l4, fingerprint = :fp,"
                          + " rotated_at = :now WHERE id = :id AND account_id = :a")
                  .bind("c", ciphertext)
                  .bind("l4", lastFour)
                  .bind("fp", fp)
                  .bind("now", now)
                  .bind("id", keyId)
                  .bind("a", accountId)
                  .execute();
              event(h, keyId, accountId, "rotated", before.name(), lastFour, fp, now);
            });
    scrubFreedPages();
    return get(accountId, keyId).orElseThrow();
  }

  /** Deletes a key's ciphertext for good; its history keeps a "removed" entry. */
  public void remove(String accountId, String keyId) {
    ProviderKey key = get(accountId, keyId).orElseThrow(() -> new VaultException("no such key"));
    long now = clock.millis();
    database
        .jdbi()
        .useTransaction(
            h -> {
              h.createUpdate("DELETE FROM provider_key WHERE id = :id AND account_id = :a")
                  .bind("id", keyId)
                  .bind("a", accountId)
                  .execute();
              event(
                  h,
                  keyId,
                  accountId,
                  "removed",
                  key.name(),
                  key.lastFour(),
                  key.fingerprint(),
                  now);
            });
    scrubFreedPages();
  }

  /** A key's history: what happened to it and when, oldest first. */
  public record KeyEvent(String event, String lastFour, String fingerprint, Instant at) {}

  public List<KeyEvent> history(String accountId, String keyId) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT event, last_four, fingerprint, at FROM provider_key_event"
                            + " WHERE key_id = :id AND account_id = :a ORDER BY at, event")
                    .bind("id", keyId)
                    .bind("a", accountId)
                    .map(
                        (rs, c) ->
                            new KeyEvent(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4))))
                    .list());
  }

  public Optional<ProviderKey> get(String accountId, String keyId) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM provider_key WHERE id = :id AND account_id = :a")
                    .bind("id", keyId)
                    .bind("a", accountId)
                    .map(KeyVault::map)
                    .findFirst());
  }

  /** The account's key named {@code name} (names are unique per account). */
  public Optional<ProviderKey> byName(String accountId, String name) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM provider_key WHERE account_id = :a AND name = :n")
                    .bind("a", accountId)
                    .bind("n", name)
                    .map(KeyVault::map)
                    .findFirst());
  }

  /**
   * Whether a key named {@code name} was removed from the account's vault (its history keeps the
   * removal), so that a route naming it fails as removed rather than as never added.
   */
  public boolean wasRemoved(String accountId, String name) {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                            "SELECT COUNT(*) FROM provider_key_event WHERE account_id = :a"
                                + " AND name = :n AND event = 'removed'")
                        .bind("a", accountId)
                        .bind("n", name)
                        .mapTo(Integer.class)
                        .one()
                    > 0);
  }

  /**
   * The clear key, for the control plane's model proxy only: never for an API response, a page, a
   * log line or a host.
   */
  public String reveal(String accountId, String keyId) {
    byte[] ciphertext =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT ciphertext FROM provider_key WHERE id = :id AND account_id = :a")
                        .bind("id", keyId)
                        .bind("a", accountId)
                        .mapTo(byte[].class)
                        .findFirst())
            .orElseThrow(() -> new VaultException("no such key"));
    return decrypt(accountId, keyId, ciphertext);
  }

  /**
   * Rotates the keyset: adds a new primary AES-256-GCM key, re-encrypts every stored key under it
   * (in memory only), then drops the old keys. Returns the number of keys re-encrypted.
   */
  public synchronized int rotateKeyset() {
    try {
      keys.addPrimary();
      record Row(String id, String accountId, byte[] ciphertext) {}
      List<Row> rows =
          database
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT id, account_id, ciphertext FROM provider_key")
                          .map((rs, c) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                          .list());
      for (Row row : rows) {
        byte[] again =
            encrypt(
                row.accountId(), row.id(), decrypt(row.accountId(), row.id(), row.ciphertext()));
        database
            .jdbi()
            .useHandle(
                h ->
                    h.createUpdate("UPDATE provider_key SET ciphertext = :c WHERE id = :id")
                        .bind("c", again)
                        .bind("id", row.id())
                        .execute());
      }
      keys.dropAllButPrimary();
      scrubFreedPages();
      return rows.size();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new VaultException("keyset rotation failed: " + e.getMessage(), e);
    }
  }

  static byte[] associatedData(String accountId, String keyId) {
    return ("nome-provider-key/v1|" + accountId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] encrypt(String accountId, String keyId, String secret) {
    try {
      return keys.aead()
          .encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(accountId, keyId));
    } catch (GeneralSecurityException e) {
      throw new VaultException("encryption failed", e);
    }
  }

  private String decrypt(String accountId, String keyId, byte[] ciphertext) {
    try {
      return new String(
          keys.aead().decrypt(ciphertext, associatedData(accountId, keyId)),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // Wrong row, wrong account, tampering or a missing keyset key: all the same refusal.
      throw new VaultException("the stored key cannot be decrypted for this record");
    }
  }

  /** HMAC-SHA256 of the key under the vault's fingerprint key, first 16 hex digits. */
  private String fingerprint(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.fingerprintKey(), "HmacSHA256"));
      byte[] d = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new VaultException("fingerprint failed", e);
    }
  }

  private static String lastFour(String secret) {
    return secret.substring(secret.length() - 4);
  }

  private static String checkName(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > MAX_NAME) {
      throw new VaultException("a key needs a name of 1 to " + MAX_NAME + " characters");
    }
    for (char c : n.toCharArray()) {
      if (Character.isISOControl(c)) {
        throw new VaultException("the key name contains control characters");
      }
    }
    return n;
  }

  private static String checkSecret(String secret) {
    String s = secret == null ? "" : secret.strip();
    if (s.length() < MIN_SECRET || s.length() > MAX_SECRET) {
      throw new VaultException(
          "a key must be " + MIN_SECRET + " to " + MAX_SECRET + " characters long");
    }
    for (char c : s.toCharArray()) {
      if (c <= ' ' || c > '~') {
        throw new VaultException(
            "a key may contain only printable ASCII characters without spaces");
      }
    }
    return s;
  }

  private static Optional<String> checkBaseUrl(Provider provider, String baseUrl) {
    String u = baseUrl == null ? "" : baseUrl.strip();
    if (!provider.needsBaseUrl()) {
      if (!u.isEmpty()) {
        throw new VaultException("only OpenAI-compatible keys take a base URL");
      }
      return Optional.empty();
    }
    try {
      URI uri = new URI(u);
      String scheme = uri.getScheme();
      boolean local =
          "http".equals(scheme)
              && uri.getHost() != null
              && (uri.getHost().equals("localhost") || uri.getHost().startsWith("127."));
      if (uri.getHost() == null
          || !("https".equals(scheme) || local)
          || uri.getUserInfo() != null) {
        throw new VaultException(
            "the base URL must be https://… (or http:// on this machine) without credentials");
      }
      return Optional.of(uri.toString());
    } catch (java.net.URISyntaxException e) {
      throw new VaultException("the base URL is not a valid URL");
    }
  }

  private static void event(
      Handle h,
      String keyId,
      String accountId,
      String event,
      String name,
      String lastFour,
      String fp,
      long at) {
    h.createUpdate(
            "INSERT INTO provider_key_event (key_id, account_id, event, name, last_four,"
                + " fingerprint, at) VALUES (:k, :a, :e, :n, :l4, :fp, :at)")
        .bind("k", keyId)
        .bind("a", accountId)
        .bind("e", event)
        .bind("n", name)
        .bind("l4", lastFour)
        .bind("fp", fp)
        .bind("at", at)
        .execute();
  }

  /**
   * On SQLite, moves the write-ahead log into the database file and truncates it, so that with
   * secure_delete the bytes of a replaced or removed ciphertext are overwritten, not left behind.
   */
  private void scrubFreedPages() {
    if (database.dialect() == Dialect.SQLITE) {
      database
          .jdbi()
          .useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list());
    }
  }

  private static ProviderKey map(ResultSet rs, StatementContext ctx) throws SQLException {
    long rotated = rs.getLong("rotated_at");
    boolean rotatedNull = rs.wasNull();
    return new ProviderKey(
        rs.getString("id"),
        Provider.parse(rs.getString("provider")).orElseThrow(),
        rs.getString("name"),
        Optional.ofNullable(rs.getString("base_url")),
        rs.getString("last_four"),
        rs.getString("fingerprint"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        rotatedNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rotated)));
  }
}
