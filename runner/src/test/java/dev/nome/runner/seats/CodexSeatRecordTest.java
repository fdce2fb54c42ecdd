package dev.nome.runner.seats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.runner.gate.ToolRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How Codex's own record (its {@code --json} stream) is read and checked against the gate's. */
class CodexSeatRecordTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theShellWrapperIsTakenOffWhateverTheQuoting() {
    assertThat(CodexCommands.unwrap("/bin/bash -lc 'echo hello > out.txt; cat out.txt'"))
        .isEqualTo("echo hello > out.txt; cat out.txt");
    assertThat(CodexCommands.unwrap("/bin/bash -lc 'printf '\"'\"'a b'\"'\"' > x'"))
        .isEqualTo("printf 'a b' > x");
    assertThat(CodexCommands.unwrap("/bin/bash -lc 'printf '\\''a'\\'''")).isEqualTo("printf 'a'");
    assertThat(CodexCommands.unwrap("bash -c \"ls -la\"")).isEqualTo("ls -la");
  }

  @Test
  void whatIsNotAPlainWrapperIsComparedAsItIs() {
    for (String s :
        List.of(
            "ls -la",
            "/bin/bash -lc 'a' extra",
            "python -c 'print(1)'",
            "/bin/bash -lc \"$(evil)\"",
            "X=1 bash -lc 'ls'",
            "/bin/bash -lc 'unterminated")) {
      assertThat(CodexCommands.unwrap(s)).as(s).isEqualTo(s);
    }
  }

  static SeatOutcome ran(List<String> commands, List<String> unhooked) {
    return new SeatOutcome(
        0,
        false,
        false,
        true,
        false,
        Set.of(),
        Set.of(),
        commands,
        unhooked,
        false,
        Optional.of("t"),
        0,
        0,
        "",
        Optional.empty());
  }

  static HookGate.Tally admitted(String... commands) {
    List<ToolRequest> calls =
        java.util.Arrays.stream(commands)
            .map(c -> new ToolRequest("id", "shell", JSON.createObjectNode().put("command", c)))
            .toList();
    return new HookGate.Tally(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), calls);
  }

  @Test
  void eachCommandCodexRanMustHaveBeenAdmittedOnce() {
    assertThat(CodexSeat.check(ran(List.of("/bin/bash -lc ls"), List.of()), admitted("ls")))
        .isEmpty();
    assertThat(CodexSeat.check(ran(List.of("/bin/bash -lc 'rm -rf x'"), List.of()), admitted("ls")))
        .singleElement()
        .asString()
        .contains("never admitted: rm -rf x");
    assertThat(
            CodexSeat.check(
                ran(List.of("/bin/bash -lc ls", "/bin/bash -lc ls"), List.of()), admitted("ls")))
        .hasSize(1);
    assertThat(CodexSeat.check(ran(List.of(), List.of("file_change")), admitted()))
        .singleElement()
        .asString()
        .contains("file_change");
  }

  @Test
  void theStreamGivesTheSessionTheCommandsTheUsageAndAnAuthFailure() {
    CodexSeat.Stream s = new CodexSeat.Stream();
    s.line("{\"type\":\"thread.started\",\"thread_id\":\"0199-abc\"}");
    s.line("not json");
    s.line(
        "{\"type\":\"item.started\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\","
            + "\"command\":\"/bin/bash -lc ls\",\"status\":\"in_progress\"}}");
    s.line(
        "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_1\",\"type\":\"command_execution\","
            + "\"command\":\"/bin/bash -lc ls\",\"exit_code\":0,\"status\":\"completed\"}}");
    s.line("{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":20,\"output_tokens\":10}}");
    s.line(
        "{\"type\":\"turn.failed\",\"error\":{\"message\":\"unexpected status 401 Unauthorized:"
            + " Incorrect API key provided\"}}");
    SeatOutcome o = s.outcome(new CliProcess.Ended(1, false, false));
    assertThat(o.sessionId()).contains("0199-abc");
    assertThat(o.commands()).containsExactly("/bin/bash -lc ls");
    assertThat(o.inputTokens()).isEqualTo(20);
    assertThat(o.authFailed()).isTrue();
    assertThat(o.isError()).isTrue();
    assertThat(o.sawResult()).isFalse();
  }
}
