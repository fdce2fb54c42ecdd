package dev.nome.core.shell;

import java.util.List;

/** One arm of a {@code case}: its patterns, its body and how it ends. */
public record CaseItem(
    List<Word> patterns, List<Statement> body, Terminator terminator, int start, int end)
    implements Node {
  public CaseItem {
    patterns = List.copyOf(patterns);
    body = List.copyOf(body);
  }

  /** How a case arm ends. The last arm may omit its terminator; it is then {@link #BREAK}. */
  public enum Terminator {
    /** {@code ;;}: stop. */
    BREAK(";;"),
    /** {@code ;&}: run the next arm's body too. */
    FALL_THROUGH(";&"),
    /** {@code ;;&}: go on testing the next patterns. */
    CONTINUE(";;&");

    private final String token;

    Terminator(String token) {
      this.token = token;
    }

    /** The operator as written. */
    public String token() {
      return token;
    }
  }
}
