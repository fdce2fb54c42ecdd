package dev.nome.core.shell;

import java.util.List;

/**
 * {@code "..."}: literals, parameter expansions, command substitutions and arithmetic expansions.
 * Nothing inside is split into fields or globbed.
 */
public record DoubleQuoted(List<WordPart> parts, int start, int end) implements WordPart {
  public DoubleQuoted {
    parts = List.copyOf(parts);
  }
}
