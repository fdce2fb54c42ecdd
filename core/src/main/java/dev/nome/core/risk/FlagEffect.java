package dev.nome.core.risk;

import dev.nome.core.Tier;

/** What using a flag does, as declared in the command knowledge file. */
enum FlagEffect {
  /** Safe for reading: keeps the command's base tier. */
  READ(Tier.READ, "reads"),
  /** Makes the command change files. */
  WRITE(Tier.WRITE, "writes"),
  /** Makes the command harmful beyond the workspace (force push, history rewrite...). */
  DANGER(Tier.DANGER, "is dangerous"),
  /** Makes the command run another program (its value, a configured tool, a pager...). */
  EXEC(Tier.DANGER, "runs another program");

  final Tier tier;
  final String words;

  FlagEffect(Tier tier, String words) {
    this.tier = tier;
    this.words = words;
  }
}
