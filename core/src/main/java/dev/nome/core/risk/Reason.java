package dev.nome.core.risk;

import dev.nome.core.Tier;

/**
 * Why a command got a tier: the command (as a reviewer would name it, e.g. {@code git push}) and
 * the rule that applied, in words.
 */
public record Reason(Tier tier, String command, String rule) {

  /** {@code command: rule}, the form printed by {@code nome classify}. */
  @Override
  public String toString() {
    return command.isEmpty() ? rule : command + ": " + rule;
  }
}
