package dev.nome.runner.gate;

import dev.nome.core.receipt.Ids;

/**
 * Turns the policy's rule descriptions into the identifiers receipts carry: {@code
 * tools.shell.approve_at = "danger" (shipped default policy, line 18)} becomes {@code
 * tools.shell.approve_at}, {@code file gateway: …} becomes {@code file-gateway}.
 */
final class RuleIds {
  private RuleIds() {}

  static String of(String rule) {
    if (rule == null || rule.isBlank()) {
      return "unknown-rule";
    }
    String r = rule.strip();
    int eq = r.indexOf(" = ");
    if (eq > 0) {
      r = r.substring(0, eq);
    } else {
      int colon = r.indexOf(':');
      if (colon > 0) {
        r = r.substring(0, colon);
      }
    }
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < r.length() && id.length() < Ids.MAX_LENGTH; i++) {
      char c = r.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "._:@/+=-".indexOf(c) >= 0;
      id.append(ok ? c : '-');
    }
    while (!id.isEmpty() && !Character.isLetterOrDigit(id.charAt(0))) {
      id.deleteCharAt(0);
    }
    String out = id.toString();
    return Ids.isValid(out) ? out : "unknown-rule";
  }
}
