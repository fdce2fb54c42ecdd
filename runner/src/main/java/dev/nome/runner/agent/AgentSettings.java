package dev.nome.runner.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * How the loop talks to its model.
 *
 * @param model the model to ask for, when the route names one
 * @param system the system prompt
 * @param maxTokens the most output tokens per model turn
 * @param maxSteps the most model turns in one run; reaching it stops the run (budget-exhausted)
 */
public record AgentSettings(Optional<String> model, String system, int maxTokens, int maxSteps) {
  public AgentSettings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(system, "system");
    if (maxTokens < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("maxTokens and maxSteps must be positive");
    }
  }

  public static AgentSettings standard(Optional<String> model) {
    return new AgentSettings(
        model,
        "You are a coding agent working in one workspace directory. Use the tools to read,"
            + " search, edit and run things there. Every tool call passes a policy gate: a refused"
            + " call comes back as an error saying why; do not try to get around it. When the task"
            + " is done, answer with a short summary and no tool call.",
        4096,
        50);
  }
}
