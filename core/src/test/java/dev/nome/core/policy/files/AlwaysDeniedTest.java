package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each always-denied location stays denied whatever the rules, even rules that name it. */
class AlwaysDeniedTest {

  @TempDir Path temp;

  @Test
  void everyAlwaysDeniedLocationStaysDenied() throws IOException {
    Path home = temp.toRealPath().resolve("home");
    Path workspace = Files.createDirectories(home.resolve("ws"));
    List<ProtectedPaths.Entry> always =
        ProtectedPaths.shipped().stream().filter(ProtectedPaths.Entry::always).toList();
    assertThat(always)
        .extracting(ProtectedPaths.Entry::pattern)
        .contains("~/.claude", "~/.codex", "~/.gemini", "~/.nome");
    int checks = 0;
    for (ProtectedPaths.Entry e : always) {
      String rest = e.pattern().substring(2);
      Path location = home.resolve(rest);
      Files.createDirectories(location.getParent());
      if (!rest.endsWith(".json")) {
        Files.createDirectories(location);
        Files.writeString(location.resolve("token"), "secret");
      } else {
        Files.writeString(location, "{}");
      }
      List<FileRule> rules = new ArrayList<>();
      for (String p :
          List.of(e.pattern(), e.pattern() + "/**", e.pattern() + "/token", "~/**", "/**", "**")) {
        rules.add(new FileRule(p, Access.WRITE, true, "test"));
      }
      Files.createSymbolicLink(workspace.resolve("link" + checks), location);
      FileGateway gate = FileGateway.create(workspace, home, home, rules);
      boolean directory = Files.isDirectory(location);
      String inside = directory ? "/token" : "";
      List<String> spellings =
          List.of(
              e.pattern(),
              e.pattern() + inside,
              directory ? e.pattern() + "/not-yet" : "~/ws/..//./" + rest,
              e.pattern().toUpperCase(Locale.ROOT),
              "/proc/self/root" + location + inside,
              "link" + checks,
              "link" + checks + inside,
              "../" + rest);
      for (String s : spellings) {
        for (Access wanted : List.of(Access.READ, Access.WRITE)) {
          assertThat(gate.check(s, wanted).allowed()).as("%s %s", wanted, s).isFalse();
          assertThat(gate.check(s, wanted).rules())
              .as(s)
              .anySatisfy(r -> assertThat(r).contains("is always denied"));
          checks++;
        }
      }
    }
    assertThat(checks).isGreaterThanOrEqualTo(always.size() * 16);
  }
}
