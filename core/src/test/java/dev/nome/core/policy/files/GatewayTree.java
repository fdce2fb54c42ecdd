package dev.nome.core.policy.files;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tree the file gateway corpus runs against, built under a temporary root: a home with the
 * protected locations, a workspace with symlinks, hard links and look-alike names.
 */
final class GatewayTree {

  /** One corpus line. */
  record Case(String target, Access byDefault, Access withRules, String protection, String note) {}

  final Path root;
  final Path home;
  final Path accountHome;
  final Path workspace;

  GatewayTree(Path tempDir) throws IOException {
    root = tempDir.toRealPath();
    home = root.resolve("home");
    accountHome = root.resolve("acct_home");
    workspace = home.resolve("projects/app");
    build();
  }

  /** The user's and the work item's rules of the "with rules" column. */
  List<FileRule> rules() {
    return List.of(
        new FileRule("~/**", Access.WRITE, true, "user, line 1"),
        new FileRule("~/.ssh/known_hosts", Access.READ, true, "user, line 2"),
        new FileRule("~/.claude/**", Access.WRITE, true, "user, line 3"),
        new FileRule("docs/**", Access.READ, true, "user, line 4"),
        new FileRule(root + "/outside/**", Access.READ, true, "user, line 5"),
        new FileRule("~/projects/app/config/server.pem", Access.READ, true, "user, line 6"),
        new FileRule("src/generated/**", Access.NONE, false, "work item, line 1"),
        new FileRule(root + "/elsewhere/**", Access.WRITE, false, "work item, line 2"));
  }

  FileGateway gateway(List<FileRule> rules) throws IOException {
    return FileGateway.create(workspace, home, accountHome, rules);
  }

  static List<Case> corpus() throws IOException {
    List<Case> out = new ArrayList<>();
    try (InputStream in =
        GatewayTree.class.getResourceAsStream("/dev/nome/core/policy/file-gateway-corpus.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(new Case(f[0], access(f[1]), access(f[2]), f[3], f[4]));
      }
    }
    return out;
  }

  /** Absolute path of a corpus target. */
  String absolute(String target) {
    return target.startsWith("/") ? target : root + "/" + target;
  }

  /** Every spelling the corpus checks a target under. */
  List<String> spellings(String target) {
    if (target.startsWith("/")) {
      return target.equals("/")
          ? List.of("/", "//", "/proc/self/root")
          : List.of(target, target.replace("/", "//"));
    }
    String abs = absolute(target);
    List<String> out = new ArrayList<>();
    out.add(abs);
    out.add(abs.replace("/", "//") + (Files.isDirectory(Path.of(abs)) ? "/" : ""));
    out.add("/proc/self/root" + abs);
    out.add("/proc/" + ProcessHandle.current().pid() + "/root/" + abs);
    out.add(root + "/outside/../" + target);
    out.add(root + "/./acct_home/../" + target);
    String ws = workspace.toString();
    if (abs.startsWith(ws + "/")) {
      out.add(abs.substring(ws.length() + 1));
      out.add("./" + abs.substring(ws.length() + 1));
    } else if (abs.startsWith(home + "/projects/")) {
      out.add("../" + abs.substring((home + "/projects/").length()));
    } else if (abs.startsWith(home + "/")) {
      out.add("../../" + abs.substring((home + "/").length()));
    } else {
      out.add("../../../" + abs.substring((root + "/").length()));
    }
    if (abs.equals(home.toString())) {
      out.add("~");
    } else if (abs.startsWith(home + "/")) {
      out.add("~/" + abs.substring((home + "/").length()));
      out.add("~//" + abs.substring((home + "/").length()));
    }
    return out;
  }

  private static Access access(String s) {
    return Access.valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }

  private void build() throws IOException {
    for (String d :
        List.of(
            "home/projects/app/src/generated",
            "home/projects/app/docs",
            "home/projects/app/config",
            "home/projects/app/certs",
            "home/.ssh",
            "home/.aws",
            "home/.claude",
            "home/.codex",
            "home/.gemini",
            "home/.nome",
            "home/.docker",
            "home/.kube",
            "home/.gnupg",
            "home/.config/gcloud",
            "home/.mozilla/firefox/x.default",
            "home/.password-store",
            "home/.SSH",
            "acct_home/.ssh",
            "outside",
            "elsewhere")) {
      Files.createDirectories(root.resolve(d));
    }
    for (String f :
        List.of(
            "home/projects/app/src/Main.java",
            "home/projects/app/README.md",
            "home/projects/app/docs/guide.md",
            "home/projects/app/src/generated/Gen.java",
            "home/projects/app/.env",
            "home/projects/app/.env.local",
            "home/projects/app/config/server.pem",
            "home/projects/app/certs/tls.key",
            "home/projects/app/file_as_dir",
            "home/.ssh/id_rsa",
            "home/.ssh/id_rsa.pub",
            "home/.ssh/known_hosts",
            "home/.ssh/config",
            "home/.aws/credentials",
            "home/.aws/config",
            "home/.claude/settings.json",
            "home/.codex/auth.json",
            "home/.gemini/settings.json",
            "home/.nome/device_token",
            "home/.nome/policy.toml",
            "home/.bashrc",
            "home/.profile",
            "home/.docker/config.json",
            "home/.docker/daemon.json",
            "home/.netrc",
            "home/.npmrc",
            "home/.pypirc",
            "home/.git-credentials",
            "home/.kube/config",
            "home/.gnupg/pubring.kbx",
            "home/.config/gcloud/credentials.db",
            "home/.mozilla/firefox/x.default/cookies.sqlite",
            "home/.password-store/mail.gpg",
            "home/.SSH/id_rsa",
            "home/notes.txt",
            "acct_home/.ssh/id_rsa",
            "acct_home/notes.txt",
            "outside/data.txt",
            "elsewhere/file.txt")) {
      Files.writeString(root.resolve(f), "content of " + f + "\n");
    }
    Path ws = workspace;
    Files.createSymbolicLink(ws.resolve("keys"), home.resolve(".ssh"));
    Files.createSymbolicLink(ws.resolve("chain2"), home.resolve(".ssh/id_rsa"));
    Files.createSymbolicLink(ws.resolve("chain1"), Path.of("chain2"));
    Files.createSymbolicLink(ws.resolve("relaws"), Path.of("../../.aws"));
    Files.createSymbolicLink(ws.resolve("srclink"), Path.of("src"));
    Files.createSymbolicLink(ws.resolve("outlink"), root.resolve("outside"));
    Files.createSymbolicLink(ws.resolve("loop1"), Path.of("loop2"));
    Files.createSymbolicLink(ws.resolve("loop2"), Path.of("loop1"));
    Files.createSymbolicLink(ws.resolve("dangling"), home.resolve(".ssh/authorized_keys2"));
    Files.createSymbolicLink(ws.resolve("claudelink"), home.resolve(".claude"));
    Files.createSymbolicLink(ws.resolve("envlink"), Path.of(".env"));
    Files.createSymbolicLink(ws.resolve("homelink"), home);
    Files.createSymbolicLink(ws.resolve("up"), Path.of("../.."));
    Files.createLink(ws.resolve("innocent.txt"), home.resolve(".ssh/id_rsa"));
    Files.createLink(ws.resolve("settings_copy.json"), home.resolve(".claude/settings.json"));
    Files.createLink(ws.resolve("netrc_copy"), home.resolve(".netrc"));
    Files.createLink(ws.resolve("copy_readme.md"), ws.resolve("README.md"));
  }

  void delete() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
