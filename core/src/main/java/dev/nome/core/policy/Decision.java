package dev.nome.core.policy;

import java.util.Objects;

/** What the policy says about one tool call, and the rule that decided it. */
public sealed interface Decision {

  /** The rule that decided, with the file and line it came from. */
  String rule();

  /** {@code allow}, {@code ask} or {@code deny}. */
  String outcome();

  /** 0 for allow, 1 for ask, 2 for deny: a larger number is more restrictive. */
  int severity();

  /** The call may run. */
  record Allow(String rule) implements Decision {
    public Allow {
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String outcome() {
      return "allow";
    }

    @Override
    public int severity() {
      return 0;
    }
  }

  /**
   * A human must approve first.
   *
   * @param reason what the approver is shown
   * @param queued true when the control plane is unreachable: the request waits until it is back
   */
  record Ask(String reason, String rule, boolean queued) implements Decision {
    public Ask {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String outcome() {
      return "ask";
    }

    @Override
    public int severity() {
      return 1;
    }
  }

  /**
   * The call must not run.
   *
   * @param reason what the agent is told
   */
  record Deny(String reason, String rule) implements Decision {
    public Deny {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String outcome() {
      return "deny";
    }

    @Override
    public int severity() {
      return 2;
    }
  }
}
