package dev.nome.runner.tools;

/** A tool call that could not be carried out; the message is for the agent (and is scrubbed). */
public final class ToolException extends Exception {
  public ToolException(String message) {
    super(message);
  }

  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
