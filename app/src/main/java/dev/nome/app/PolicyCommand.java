package dev.nome.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.Tier;
import dev.nome.core.policy.Decision;
import dev.nome.core.policy.Loosenings;
import dev.nome.core.policy.Policies;
import dev.nome.core.policy.Policy;
import dev.nome.core.policy.PolicyDecider;
import dev.nome.core.policy.PolicyException;
import dev.nome.core.policy.PolicyLayer;
import dev.nome.core.policy.Roles;
import dev.nome.core.policy.RunState;
import dev.nome.core.policy.ToolCall;
import dev.nome.core.policy.files.FileGateway;
import dev.nome.core.risk.Classification;
import dev.nome.core.risk.Classifier;
import dev.nome.core.risk.ToolCallTier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nome policy}: validate a policy file, explain a decision. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Check policy files and explain what the policy decides for a tool call.",
    subcommands = {PolicyCommand.Check.class, PolicyCommand.Explain.class})
final class PolicyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code nome policy check FILE}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Validate a policy file and show what it changes on top of the shipped default.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy file (TOML).")
    Path file;

    @Option(
        names = "--work-item",
        description = "Check it as a work item's layer (its file rules may only tighten).")
    boolean workItem;

    @Override
    public Integer call() throws PolicyException {
      PolicyLayer layer =
          Policies.read(workItem ? PolicyLayer.Kind.WORK_ITEM : PolicyLayer.Kind.USER, file);
      Policy base = Policies.shippedPolicy();
      base.then(layer);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          file
              + ": ok ("
              + layer.tools().size()
              + " tool table(s), "
              + layer.files().size()
              + " file rule(s))");
      for (String w : Loosenings.of(base, layer)) {
        out.println("warning: " + w);
      }
      out.flush();
      return 0;
    }
  }

  /** {@code nome policy explain}. */
  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      description =
          "Print the decision (allow, ask or deny) for one tool call and the rule that won.")
  static final class Explain implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--tool",
        paramLabel = "NAME",
        required = true,
        description = "The tool's name, e.g. shell or read_file.")
    String tool;

    @Option(
        names = "--input",
        paramLabel = "JSON",
        defaultValue = "{}",
        description = "The call's input as JSON.")
    String input;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        defaultValue = Roles.DEFAULT,
        description = "The agent's role (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(
        names = "--tier",
        paramLabel = "TIER",
        description =
            "Judge the call at this tier (read, write, danger) instead of classifying it.")
    String tier;

    @Option(names = "--offline", description = "Decide as if the control plane were unreachable.")
    boolean offline;

    @Option(
        names = "--policy",
        paramLabel = "FILE",
        description = "Use this file as the user's layer instead of ~/.nome/policy.toml.")
    Path userPolicy;

    @Option(
        names = "--work-item",
        paramLabel = "FILE",
        description = "A work item's policy layer to apply last.")
    Path workItem;

    @Option(
        names = "--workspace",
        paramLabel = "DIR",
        description = "The workspace (default: the current directory).")
    Path workspace;

    @Option(
        names = "--home",
        paramLabel = "DIR",
        hidden = true,
        description = "Judge as if this were the home directory.")
    Path home;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      JsonNode parsed;
      try {
        parsed = new ObjectMapper().readTree(input);
      } catch (Exception e) {
        throw new IllegalArgumentException("--input is not valid JSON: " + e.getMessage());
      }
      ToolCall call = new ToolCall(tool, role, parsed);
      PolicyDecider decider;
      List<String> sources;
      Classifier classifier;
      try {
        Policy policy = PolicyFiles.load(home, userPolicy, workItem);
        FileGateway gateway = PolicyFiles.gateway(policy, workspace, home);
        decider = PolicyDecider.of(policy, gateway);
        sources = policy.sources();
        classifier =
            Classifier.standard().withWorkspace(gateway.workspace().toString()).withGate(gateway);
      } catch (PolicyException | java.io.IOException e) {
        decider = PolicyDecider.refusing(e.getMessage());
        sources = List.of();
        classifier = Classifier.standard();
      }
      Tier callTier;
      String tierSource;
      if (tier != null) {
        callTier = Tier.parse(tier);
        tierSource = "--tier";
      } else {
        Classification classified = ToolCallTier.of(call, classifier);
        callTier = classified.tier();
        tierSource =
            "classifier: "
                + classified.reasons().stream()
                    .map(Object::toString)
                    .collect(java.util.stream.Collectors.joining("; "));
      }
      Decision d = decider.decide(RunState.start().withOnline(!offline), call, callTier);
      String reason =
          switch (d) {
            case Decision.Allow a -> "";
            case Decision.Ask a -> a.reason();
            case Decision.Deny x -> x.reason();
          };
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("tool", tool);
        o.put("role", role);
        o.put("tier", callTier.label());
        o.put("tier_source", tierSource);
        o.put("decision", d.outcome());
        o.put("reason", reason);
        o.put("rule", d.rule());
        o.put("queued", d instanceof Decision.Ask a && a.queued());
        sources.forEach(o.putArray("policy")::add);
        out.println(m.writeValueAsString(o));
      } else {
        out.println("decision: " + d.outcome());
        if (!reason.isEmpty()) {
          out.println("reason:   " + reason);
        }
        out.println("rule:     " + d.rule());
        out.println("tier:     " + callTier.label() + " (" + tierSource + ")");
        out.println(
            "policy:   " + (sources.isEmpty() ? "(not loaded)" : String.join(", ", sources)));
      }
      out.flush();
      return 0;
    }
  }
}
