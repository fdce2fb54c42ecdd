package dev.nome.runner.tools;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits every tool call runs under.
 *
 * @param timeout how long a shell command may run before its process tree is killed
 * @param maxOutputChars how much output (or file content) is kept; the rest is cut and said so
 * @param maxFileBytes the largest file read_file, edit_file and search read
 * @param maxSearchFiles how many files one search looks at
 */
public record ToolLimits(
    Duration timeout, int maxOutputChars, long maxFileBytes, int maxSearchFiles) {

  public ToolLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxOutputChars < 1 || maxFileBytes < 1 || maxSearchFiles < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Two minutes, 64 KiB of output, files up to 4 MiB, 5,000 files per search. */
  public static ToolLimits standard() {
    return new ToolLimits(Duration.ofMinutes(2), 64 * 1024, 4L * 1024 * 1024, 5_000);
  }

  public ToolLimits withTimeout(Duration t) {
    return new ToolLimits(t, maxOutputChars, maxFileBytes, maxSearchFiles);
  }
}
