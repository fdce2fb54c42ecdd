package dev.nome.core.shell;

/** Every redirection operator bash knows. */
public enum RedirectOperator {
  /** {@code <}. */
  IN("<"),
  /** {@code >}. */
  OUT(">"),
  /** {@code >>}. */
  APPEND(">>"),
  /** {@code >|}: write even when noclobber is set. */
  CLOBBER(">|"),
  /** {@code <>}: open for reading and writing. */
  READ_WRITE("<>"),
  /** {@code &>}: standard output and error to a file. */
  OUT_AND_ERR("&>"),
  /** {@code &>>}. */
  APPEND_OUT_AND_ERR("&>>"),
  /** {@code >&}: duplicate an output descriptor ({@code 2>&1}); with a non-number, like &gt;. */
  DUP_OUT(">&"),
  /** {@code <&}: duplicate an input descriptor. */
  DUP_IN("<&"),
  /** {@code <<}: heredoc. */
  HEREDOC("<<"),
  /** {@code <<-}: heredoc with leading tabs removed. */
  HEREDOC_STRIP_TABS("<<-"),
  /** {@code <<<}: here-string. */
  HERE_STRING("<<<");

  private final String token;

  RedirectOperator(String token) {
    this.token = token;
  }

  /** The operator as written. */
  public String token() {
    return token;
  }

  /** True for the forms that may create or change a file when their target is a file name. */
  public boolean writes() {
    return switch (this) {
      case OUT, APPEND, CLOBBER, READ_WRITE, OUT_AND_ERR, APPEND_OUT_AND_ERR, DUP_OUT -> true;
      default -> false;
    };
  }
}
