package dev.nome.core.risk;

/** The command knowledge file is malformed; the message names the line. */
public final class KnowledgeFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KnowledgeFormatException(String message) {
    super(message);
  }
}
