package dev.nome.core.shell;

/**
 * A redirection. {@code fd} is the file descriptor written before the operator, or -1 when none was
 * written (then the operator's default applies: 0 for input forms, 1 for output forms); {@code
 * fdVariable} is the name in {@code {name}>file} or null. {@code target} is the file word, the
 * descriptor word of {@code >&}/{@code <&} (a number, {@code -}, or for {@code >&word} a file
 * name), the here-string word, or the heredoc delimiter as written. {@code heredoc} is set for
 * {@code <<} and {@code <<-} only.
 */
public record Redirect(
    int fd,
    String fdVariable,
    RedirectOperator operator,
    Word target,
    Heredoc heredoc,
    int start,
    int end)
    implements Node {}
