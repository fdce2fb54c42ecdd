package dev.nome.runner.tools;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a tool gave back, before scrubbing (the gate scrubs it before anyone sees it).
 *
 * @param text the output, already cut to the output cap
 * @param success whether the call did what was asked
 * @param exitCode the exit status, for a tool that ran a process
 */
public record ToolOutput(String text, boolean success, OptionalInt exitCode) {
  public ToolOutput {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(exitCode, "exitCode");
  }

  public static ToolOutput ok(String text) {
    return new ToolOutput(text, true, OptionalInt.empty());
  }

  public static ToolOutput failed(String text) {
    return new ToolOutput(text, false, OptionalInt.empty());
  }
}
