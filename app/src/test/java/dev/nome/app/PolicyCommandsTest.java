package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  Path home;
  Path workspace;

  @BeforeEach
  void tree() throws IOException {
    home = temp.toRealPath().resolve("home");
    workspace = home.resolve("work/app");
    Files.createDirectories(workspace);
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/id_ed25519"), "key");
    Files.writeString(workspace.resolve("Main.java"), "class Main {}");
    Files.writeString(workspace.resolve(".env"), "TOKEN=x");
    Files.createSymbolicLink(workspace.resolve("keys"), home.resolve(".ssh"));
  }

  private CliTest.Result files(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("files", "explain"));
    all.addAll(List.of(args));
    all.addAll(List.of("--workspace", workspace.toString(), "--home", home.toString()));
    return CliTest.run(all.toArray(String[]::new));
  }

  @Test
  void filesExplainPrintsExactlyOneJsonObject() throws IOException {
    CliTest.Result r = files("keys/id_ed25519", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.out().strip().lines()).hasSize(1);
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.properties().stream().map(java.util.Map.Entry::getKey).toList())
        .containsExactly("path", "resolved", "access", "allowed", "rules");
    assertThat(o.get("path").asText()).isEqualTo("keys/id_ed25519");
    assertThat(o.get("resolved").asText()).isEqualTo(home.resolve(".ssh/id_ed25519").toString());
    assertThat(o.get("access").asText()).isEqualTo("none");
    assertThat(o.get("allowed").asBoolean()).isFalse();
    assertThat(o.get("rules").toString()).contains("~/.ssh (sensitive");
  }

  @Test
  void filesExplainAllowsWorkspaceWritesAndDeniesDotEnv() throws IOException {
    JsonNode ok = JSON.readTree(files("Main.java", "--write", "--json").out());
    assertThat(ok.get("access").asText()).isEqualTo("write");
    assertThat(ok.get("allowed").asBoolean()).isTrue();
    JsonNode env = JSON.readTree(files(".env", "--json").out());
    assertThat(env.get("allowed").asBoolean()).isFalse();
    CliTest.Result text = files("~/.ssh/id_ed25519");
    assertThat(text.out()).startsWith("denied: read ~/.ssh/id_ed25519").contains("access:   none");
  }

  @Test
  void filesExplainFailsClosedOnABrokenPolicy() throws IOException {
    Path bad = temp.resolve("bad.toml");
    Files.writeString(bad, "[[files]]\npath = \"**\"\naccess = \"all\"\n");
    JsonNode o = JSON.readTree(files("Main.java", "--policy", bad.toString(), "--json").out());
    assertThat(o.get("allowed").asBoolean()).isFalse();
    assertThat(o.get("rules").get(0).asText()).contains("line 3").contains("access must be");
  }

  @Test
  void policyCheckAcceptsAGoodFileAndWarnsAboutLoosening() throws IOException {
    Path p = temp.resolve("policy.toml");
    Files.writeString(p, "[tools.shell]\napprove_at = \"write\"\nmax_calls_per_run = 100000\n");
    CliTest.Result r = CliTest.run("policy", "check", p.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains(": ok (1 tool table(s), 0 file rule(s))");
    assertThat(r.out())
        .contains("warning: " + p + ", line 3: tools.shell.max_calls_per_run = 100000 is looser");
    assertThat(r.out()).doesNotContain("approve_at");
  }

  @Test
  void policyCheckRefusesABadFileNamingTheLine() throws IOException {
    Path p = temp.resolve("policy.toml");
    Files.writeString(p, "# mine\n[tools.shell]\n\noffline = \"sometimes\"\n");
    CliTest.Result r = CliTest.run("policy", "check", p.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "nome: "
                + p
                + ", line 4: unknown offline 'sometimes' (expected deny, allow-read or queue)");
  }

  @Test
  void policyExplainPrintsTheDecisionAndTheRule() throws IOException {
    CliTest.Result r =
        CliTest.run(
            "policy",
            "explain",
            "--tool",
            "shell",
            "--input",
            "{\"command\":\"rm -rf /\"}",
            "--tier",
            "danger",
            "--json",
            "--home",
            home.toString(),
            "--workspace",
            workspace.toString());
    assertThat(r.exit()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.get("decision").asText()).isEqualTo("ask");
    assertThat(o.get("reason").asText())
        .isEqualTo("shell at tier danger needs approval (approve_at danger)");
    assertThat(o.get("rule").asText())
        .startsWith("tools.shell.approve_at = \"danger\" (shipped default policy, line ");
  }

  @Test
  void policyExplainRunsTheFileGatewayForFileTools() throws IOException {
    CliTest.Result r =
        CliTest.run(
            "policy",
            "explain",
            "--tool",
            "read_file",
            "--input",
            "{\"path\":\"keys/id_ed25519\"}",
            "--tier",
            "read",
            "--home",
            home.toString(),
            "--workspace",
            workspace.toString());
    assertThat(r.out()).startsWith("decision: deny").contains("rule:     file gateway: none:");
  }

  @Test
  void policyExplainWithoutATierJudgesAnUnknownToolAtDanger() {
    CliTest.Result r =
        CliTest.run("policy", "explain", "--tool", "mcp__x__y", "--home", home.toString());
    assertThat(r.out())
        .contains("decision: ask")
        .contains(
            "tier:     danger (classifier: mcp__x__y: a tool NOME does not know how to judge)");
  }

  @Test
  void policyExplainClassifiesShellCommands() {
    CliTest.Result read =
        CliTest.run(
            "policy",
            "explain",
            "--tool",
            "shell",
            "--input",
            "{\"command\": \"git status\"}",
            "--home",
            home.toString());
    assertThat(read.out()).contains("decision: allow").contains("tier:     read (classifier: ");
    CliTest.Result danger =
        CliTest.run(
            "policy",
            "explain",
            "--tool",
            "shell",
            "--input",
            "{\"command\": \"cat ~/.ssh/id_rsa\"}",
            "--home",
            home.toString());
    assertThat(danger.out())
        .contains("tier:     danger (classifier: ")
        .doesNotContain("decision: allow");
  }

  @Test
  void policyExplainDeniesWithTheRoleRule() throws IOException {
    Path p = temp.resolve("roles.toml");
    Files.writeString(p, "[tools.write_file]\nroles = [\"implementer\"]\n");
    CliTest.Result r =
        CliTest.run(
            "policy",
            "explain",
            "--tool",
            "write_file",
            "--input",
            "{\"path\":\"Main.java\"}",
            "--role",
            "reviewer",
            "--tier",
            "write",
            "--policy",
            p.toString(),
            "--home",
            home.toString(),
            "--workspace",
            workspace.toString());
    assertThat(r.out())
        .contains("decision: deny")
        .contains("reason:   role 'reviewer' may not use write_file in this run")
        .contains("rule:     tools.write_file.roles = [\"implementer\"] (" + p + ", line 2)");
  }
}
