package dev.nome.runner.launch;

/** What the terminal is told about a run besides its progress, whatever the route. */
public interface RunNotices {
  /** A request for a person's approval was raised, with this id. */
  default void approvalRaised(String approvalId) {}

  /** Something went wrong on the side (a report or artifact not sent); a content-free line. */
  default void problem(String line) {}
}
