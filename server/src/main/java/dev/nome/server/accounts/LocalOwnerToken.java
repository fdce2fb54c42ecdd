package dev.nome.server.accounts;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A user token for the owner, kept in the control plane's data directory (mode 0600) with the URL
 * the instance serves, so that {@code nome approvals} and other person commands work on the machine
 * where {@code nome up} runs without {@code nome login}: whoever can read the data directory
 * already holds the instance's keys. The token is reused across restarts while it stays valid.
 */
public final class LocalOwnerToken {

  public static final String TOKEN_FILE = "owner_token";
  public static final String URL_FILE = "url";

  private LocalOwnerToken() {}

  /** Makes sure {@code dataDir} holds a valid owner token and the current URL. */
  public static void ensure(Path dataDir, URI url, AccountStore accounts, UserTokenStore tokens)
      throws IOException {
    Optional<Account> owner = accounts.all().stream().filter(Account::owner).findFirst();
    if (owner.isEmpty()) {
      return;
    }
    Path file = dataDir.resolve(TOKEN_FILE);
    boolean valid = false;
    if (Files.exists(file)) {
      String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
      valid =
          dev.nome.core.token.TokenKind.USER
              .parse(existing)
              .flatMap(tokens::find)
              .filter(a -> a.id().equals(owner.get().id()))
              .isPresent();
    }
    if (!valid) {
      writePrivate(file, tokens.issue(owner.get(), "nome up on this machine") + "\n");
    }
    writePrivate(dataDir.resolve(URL_FILE), url + "\n");
  }

  private static void writePrivate(Path target, String content) throws IOException {
    Path tmp =
        Files.createTempFile(
            target.getParent(),
            "." + target.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
