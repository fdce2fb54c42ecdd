package dev.nome.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

  private static PolicyLayer user(String text) throws PolicyException {
    return PolicyParser.parse(PolicyLayer.Kind.USER, "policy.toml", text);
  }

  @Test
  void theShippedPolicySetsEveryDefaultTool() throws PolicyException {
    Policy p = Policies.shippedPolicy();
    for (String tool :
        List.of(
            "shell", "read_file", "write_file", "edit_file", "list_dir", "search", "fetch_url")) {
      assertThat(p.tools()).containsKey(tool);
      assertThat(p.rule(tool).approveAt().origin()).startsWith(Policies.SHIPPED_SOURCE + ", line ");
    }
    assertThat(p.rule("mcp__github__create_issue").approveAt().value()).isEqualTo(ApproveAt.WRITE);
    assertThat(p.budget().value()).isPositive();
  }

  @Test
  void aFullUserLayerParses() throws PolicyException {
    PolicyLayer layer =
        user(
            """
            [run]
            budget = 50

            [defaults]
            approve_at = "read"

            [tools.shell]
            max_calls_per_run = 10
            approve_at = "write"
            offline = "deny"
            cost_weight = 2.5
            roles = ["default", "implementer"]

            [tools."mcp__github__create_issue"]
            roles = ["*"]

            [[files]]
            path = "~/src/**"
            access = "read"
            """);
    assertThat(layer.budget().value()).isEqualTo(50.0);
    assertThat(layer.tools().get("shell").maxCallsPerRun().value()).isEqualTo(10L);
    assertThat(layer.tools().get("shell").maxCallsPerRun().origin())
        .isEqualTo("policy.toml, line 8");
    assertThat(layer.tools().get("shell").roles().value().names())
        .containsExactlyInAnyOrder("default", "implementer");
    assertThat(layer.tools().get("mcp__github__create_issue").roles().value().any()).isTrue();
    assertThat(layer.files())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.pattern()).isEqualTo("~/src/**");
              assertThat(f.access()).isEqualTo(Access.READ);
              assertThat(f.grants()).isTrue();
              assertThat(f.origin()).isEqualTo("policy.toml, line 18");
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown top-level key      | '\\n\\nbudget = 3\\n'                                   | line 3 | unknown key 'budget'
          unknown tool key           | '[tools.shell]\\nmax_calls = 3\\n'                     | line 2 | unknown key 'max_calls' in [tools.shell]
          unknown key in dotted form | 'tools.shell.aprove_at = \"read\"\\n'                  | line 1 | unknown key 'aprove_at'
          bad approve_at             | '[tools.shell]\\n\\napprove_at = \"sometimes\"\\n'     | line 3 | unknown approve_at 'sometimes'
          bad offline                | '[defaults]\\noffline = \"maybe\"\\n'                  | line 2 | unknown offline 'maybe'
          negative max calls         | '[tools.x]\\nmax_calls_per_run = -1\\n'                | line 2 | max_calls_per_run must be a whole number
          fractional max calls       | '[tools.x]\\nmax_calls_per_run = 1.5\\n'               | line 2 | max_calls_per_run must be a whole number
          negative cost              | '[tools.x]\\ncost_weight = -2\\n'                      | line 2 | cost_weight must be a number
          string budget              | '[run]\\nbudget = \"lots\"\\n'                         | line 2 | budget must be a number
          roles not a list           | '[tools.x]\\nroles = \"admin\"\\n'                     | line 2 | roles must be an array
          bad role name              | '[tools.x]\\nroles = [\"Admin!\"]\\n'                  | line 2 | bad role name 'Admin!'
          star with names            | '[tools.x]\\nroles = [\"*\", \"a\"]\\n'                | line 2 | list it alone
          bad tool name              | '[tools.\"a b\"]\\nroles = [\"*\"]\\n'                 | line 1 | bad tool name
          tool not a table           | 'tools = 3\\n'                                         | line 1 | must be a table
          bad file access            | '[[files]]\\npath = \"/x\"\\naccess = \"rw\"\\n'       | line 3 | access must be none, read or write
          second file entry          | '[[files]]\\npath = \"/x\"\\naccess = \"read\"\\n[[files]]\\npath = \"/y\"\\nacces = \"read\"\\n' | line 6 | unknown key 'acces'
          file without access        | '[[files]]\\npath = \"/x\"\\n'                         | line 1 | needs both path and access
          dot dot in a glob          | '[[files]]\\npath = \"../x\"\\naccess = \"read\"\\n'  | line 2 | must not contain
          tilde user                 | '[[files]]\\npath = \"~bob/x\"\\naccess = \"read\"\\n' | line 2 | ~user
          not TOML                   | '[tools.shell\\n'                                      | line 1 | not valid TOML
          unterminated string        | 'a = 1\\n[run]\\nbudget = \"3\\n'                      | line 3 | not valid TOML
          duplicate key              | '[run]\\nbudget = 1\\nbudget = 2\\n'                   | line   | not valid TOML
          """)
  void badFilesAreRefusedWithTheLine(String name, String text, String line, String message) {
    String toml = text.replace("\\n", "\n");
    assertThatThrownBy(() -> user(toml))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("policy.toml")
        .hasMessageContaining(line)
        .hasMessageContaining(message);
  }

  @Test
  void theShippedLayerMustBeComplete() {
    assertThatThrownBy(
            () ->
                PolicyParser.parse(
                    PolicyLayer.Kind.SHIPPED, "base", "[defaults]\napprove_at = \"read\"\n"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("run.budget");
  }

  @Test
  void aWorkItemsFileRulesMayOnlyTighten() throws PolicyException {
    PolicyLayer item =
        PolicyParser.parse(
            PolicyLayer.Kind.WORK_ITEM,
            "item",
            "[[files]]\npath = \"/srv/**\"\naccess = \"write\"\n");
    assertThat(item.files().get(0).grants()).isFalse();
    assertThat(Policies.shippedPolicy().then(item).files())
        .last()
        .satisfies(f -> assertThat(f.grants()).isFalse());
  }

  @Test
  void anEmptyOrCommentOnlyFileChangesNothing() throws PolicyException {
    for (String text : List.of("", "# nothing yet\n")) {
      PolicyLayer layer = user(text);
      assertThat(layer.tools()).isEmpty();
      assertThat(layer.files()).isEmpty();
      assertThat(layer.budget()).isNull();
    }
  }
}
