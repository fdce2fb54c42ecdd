package dev.nome.core.policy;

/**
 * Decides whether a path may be read or written. The shell classifier asks it about every path a
 * command reads or writes; file tools ask it before opening anything. Implementations fail closed:
 * a path that cannot be resolved, or any error, is a denial.
 */
@FunctionalInterface
public interface FileGate {

  /**
   * @param path the path as written by the agent (may be relative to the workspace, start with
   *     {@code ~}, contain {@code ..} or symlinks)
   * @param wanted {@link Access#READ} or {@link Access#WRITE}
   */
  FileVerdict check(String path, Access wanted);
}
