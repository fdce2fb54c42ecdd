package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's restricting rule also holds for look-alike spellings of what it names (which are the
 * same file on a case-insensitive file system); a granting rule never grants through one.
 */
class LookAlikeRuleTest {

  @TempDir Path temp;

  @Test
  void restrictionsHoldForLookAlikesAndGrantsDoNot() throws IOException {
    Path home = temp.toRealPath().resolve("home");
    Path ws = Files.createDirectories(home.resolve("ws"));
    Files.createDirectories(ws.resolve("Secrets"));
    Files.createDirectories(temp.toRealPath().resolve("shared"));
    FileGateway gate =
        FileGateway.create(
            ws,
            home,
            home,
            List.of(
                new FileRule("secrets/**", Access.NONE, true, "user"),
                new FileRule(temp.toRealPath() + "/shared/**", Access.READ, true, "user")));
    assertThat(gate.check("secrets/a.txt", Access.READ).allowed()).isFalse();
    assertThat(gate.check("Secrets/a.txt", Access.READ).allowed()).isFalse();
    assertThat(gate.check("SECRETS/a.txt", Access.READ).rules())
        .anySatisfy(r -> assertThat(r).contains("look-alike"));
    assertThat(gate.check(temp.toRealPath() + "/shared/x", Access.READ).allowed()).isTrue();
    assertThat(gate.check(temp.toRealPath() + "/SHARED/x", Access.READ).allowed()).isFalse();
  }
}
