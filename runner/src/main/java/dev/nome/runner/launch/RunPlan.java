package dev.nome.runner.launch;

import dev.nome.core.policy.Policy;
import dev.nome.core.route.Route;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code nome run} was asked: the work item (an existing one, or a new one by title), the
 * route, the workspace, the role, the layered policy and the task.
 */
public record RunPlan(
    WorkItemChoice workItem, Route route, Path workspace, String role, Policy policy, String task) {

  public RunPlan {
    Objects.requireNonNull(workItem, "workItem");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(task, "task");
    if (task.isBlank()) {
      throw new IllegalArgumentException("the task is empty: say what the agent should do");
    }
  }

  /** The run's work item: one that exists, or a new one with this title. */
  public sealed interface WorkItemChoice {
    record Existing(String id) implements WorkItemChoice {}

    record New(String title) implements WorkItemChoice {}
  }
}
