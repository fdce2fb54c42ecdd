package dev.nome.runner.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.policy.Policies;
import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.runner.gate.Approvals;
import dev.nome.runner.gate.Gate;
import dev.nome.runner.gate.TestGates;
import dev.nome.runner.receipts.ControlPlaneLink;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loopback endpoint a seat's hooks reach the gate at: only the run's token is heard, and every
 * call is decided by the gate, a tool NOME does not know included.
 */
class HookGateTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path root;
  List<ChainedReceipt> receipts = new CopyOnWriteArrayList<>();
  HookGate hooks;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(root.resolve("README.md"), "a project\n");
    Files.writeString(root.resolve(".env"), "TOKEN=x\n");
    Approvals never =
        ask -> {
          throw new AssertionError("no approval expected");
        };
    Gate gate =
        TestGates.gate(
            root,
            Policies.shippedPolicy(),
            (ChainedReceipt r, Optional<ChainSignature> s) -> receipts.add(r),
            never,
            new ControlPlaneLink(),
            Duration.ofSeconds(1));
    hooks = HookGate.start(gate, null, ToolMap.claude(), r -> {});
  }

  @AfterEach
  void tearDown() {
    hooks.close();
  }

  HttpResponse<String> post(String authorization, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(hooks.url()).POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> hook(String body) throws Exception {
    return post("Bearer " + hooks.token(), body);
  }

  String pre(String id, String tool, String input) {
    return "{\"hook_event_name\":\"PreToolUse\",\"tool_use_id\":\""
        + id
        + "\",\"tool_name\":\""
        + tool
        + "\",\"tool_input\":"
        + input
        + "}";
  }

  @Test
  void onlyTheRunsTokenIsHeardAndNothingIsDecidedWithoutIt() throws Exception {
    String read = pre("toolu_1", "Read", "{\"file_path\":\"" + root.resolve("README.md") + "\"}");
    assertThat(post(null, read).statusCode()).isEqualTo(401);
    assertThat(post("Bearer " + hooks.token() + "x", read).statusCode()).isEqualTo(401);
    assertThat(post(hooks.token(), read).statusCode()).isEqualTo(401);
    var get =
        HTTP.send(
            HttpRequest.newBuilder(hooks.url())
                .header("Authorization", "Bearer " + hooks.token())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(401);
    assertThat(receipts).as("nothing reached the gate").hasSize(1); // the run's start
    assertThat(hooks.tally().admitted()).isEmpty();
  }

  @Test
  void whatIsNotUnderstoodIsRefusedByTheHookScript() throws Exception {
    // Anything but a 200 with a decision makes the hook script block the call.
    assertThat(hook("{not json").statusCode()).isEqualTo(400);
    assertThat(hook("x".repeat(HookGate.MAX_BODY + 1)).statusCode()).isEqualTo(413);
    assertThat(hook("{\"hook_event_name\":\"Stop\"}").body()).isEqualTo("{}");
  }

  @Test
  void eachCallIsDecidedByTheGateAndItsResultRecorded() throws Exception {
    var allowed =
        hook(pre("toolu_1", "Read", "{\"file_path\":\"" + root.resolve("README.md") + "\"}"));
    assertThat(allowed.body()).contains("\"permissionDecision\":\"allow\"");
    var env = hook(pre("toolu_2", "Read", "{\"file_path\":\"" + root.resolve(".env") + "\"}"));
    assertThat(env.body()).contains("\"permissionDecision\":\"deny\"").contains(".env");
    var unknown = hook(pre("toolu_3", "WebFetch", "{\"url\":\"https://example.com\"}"));
    assertThat(unknown.body())
        .contains("\"permissionDecision\":\"deny\"")
        .contains("unmapped-WebFetch");

    hook(
        "{\"hook_event_name\":\"PostToolUse\",\"tool_use_id\":\"toolu_1\","
            + "\"tool_response\":{\"stdout\":\"a project\"},\"duration_ms\":3}");
    hook("{\"hook_event_name\":\"PostToolUse\",\"tool_use_id\":\"toolu_9\"}");
    HookGate.Tally t = hooks.tally();
    assertThat(t.admitted()).containsExactly("toolu_1");
    assertThat(t.refused()).containsExactlyInAnyOrder("toolu_2", "toolu_3");
    assertThat(t.completed()).containsExactly("toolu_1");
    assertThat(t.unmatched()).as("a result for a call never admitted").containsExactly("toolu_9");
    assertThat(receipts)
        .filteredOn(r -> r.receipt() instanceof ToolReceipt t2 && t2.callId().equals("toolu_1"))
        .singleElement()
        .satisfies(r -> assertThat(((ToolReceipt) r.receipt()).durationMillis()).isEqualTo(3));
  }

  @Test
  void aMalformedToolMapIsRefusedAndPathsDefaultToTheWorkspace() {
    assertThatThrownBy(() -> ToolMap.parse("Bash shell command=command\nRead nowhere"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> ToolMap.parse("Bash shell command"))
        .isInstanceOf(IllegalArgumentException.class);
    var glob = ToolMap.claude().request("toolu_1", "Glob", null);
    assertThat(glob.tool()).isEqualTo("list_dir");
    assertThat(glob.input().path("path").asText()).isEqualTo(".");
    assertThat(ToolMap.claude().request("toolu_2", "../x", null).tool())
        .isEqualTo("unmapped-invalid");
  }
}
