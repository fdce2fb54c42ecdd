package dev.nome.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception out of a command into one line on stderr and exit code 1. Users see what went
 * wrong and what to do; stack traces go only to the log when NOME_DEBUG is set.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cli.getErr().println("nome: " + message);
    if (System.getenv("NOME_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return 1;
  }
}
