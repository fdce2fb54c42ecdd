package dev.nome.core.secrets;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules and the allow list, read from the resource files {@code rules.txt} and {@code
 * allow.txt} (format in the README.md next to them), with the keyword prefilter built over them.
 * Immutable and shared by every scrubber.
 */
final class RuleBook {

  /** Kinds handled by the line-by-line private key block reader rather than a pattern. */
  static final String PEM = "pem-private-key";

  static final String OPENSSH = "openssh-private-key";
  static final String PGP = "pgp-private-key";
  static final String PUTTY = "putty-private-key";

  private final List<Rule> rules;
  private final KeywordIndex index;
  private final Allowlist allow;
  private final int reach;

  private RuleBook(List<Rule> rules, Allowlist allow) {
    this.rules = List.copyOf(rules);
    this.allow = allow;
    List<List<String>> keywords = new ArrayList<>();
    int r = 0;
    for (Rule rule : rules) {
      keywords.add(rule.keywords());
      r = Math.max(r, rule.reach());
    }
    // Two internal "rules" after the real ones: the block markers and our own redaction markers.
    keywords.add(List.of("-----begin ", "private-lines:"));
    keywords.add(List.of("[redacted:"));
    this.index = KeywordIndex.build(keywords);
    this.reach = r;
  }

  private static volatile RuleBook standard;

  /** The rules shipped with NOME. */
  static RuleBook standard() {
    RuleBook b = standard;
    if (b == null) {
      synchronized (RuleBook.class) {
        b = standard;
        if (b == null) {
          b = load(resource("rules.txt"), resource("allow.txt"));
          standard = b;
        }
      }
    }
    return b;
  }

  private static List<String> resource(String name) {
    try (InputStream in = RuleBook.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      List<String> lines = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RuleBook load(List<String> ruleLines, List<String> allowLines) {
    List<Rule> rules = new ArrayList<>();
    String kind = null;
    Map<String, String> fields = new LinkedHashMap<>();
    int lineNo = 0;
    int sectionLine = 0;
    for (String raw : ruleLines) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        if (kind != null) {
          rules.add(rule(kind, fields, sectionLine));
        }
        kind = line.substring(1, line.length() - 1).strip();
        if (!kind.matches("[a-z0-9][a-z0-9-]*")) {
          throw new IllegalArgumentException("rules.txt:" + lineNo + ": bad kind " + kind);
        }
        fields = new HashMap<>();
        sectionLine = lineNo;
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0 || kind == null) {
        throw new IllegalArgumentException("rules.txt:" + lineNo + ": expected name = value");
      }
      String name = line.substring(0, eq).strip();
      if (fields.put(name, line.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException("rules.txt:" + lineNo + ": " + name + " given twice");
      }
    }
    if (kind != null) {
      rules.add(rule(kind, fields, sectionLine));
    }

    Allowlist allow = Allowlist.parse(allowLines);
    return new RuleBook(rules, allow);
  }

  private static final Set<String> FIELDS =
      Set.of("keywords", "pattern", "keep", "check", "before", "after", "boundary", "secret-group");

  private static Rule rule(String kind, Map<String, String> f, int line) {
    for (String name : f.keySet()) {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("rules.txt:" + line + ": unknown field " + name);
      }
    }
    String where = "rules.txt:" + line + " [" + kind + "]: ";
    if (!f.containsKey("keywords") || !f.containsKey("pattern")) {
      throw new IllegalArgumentException(where + "keywords and pattern are required");
    }
    Pattern pattern;
    Pattern search;
    boolean anchored = Integer.parseInt(f.getOrDefault("before", "0")) == 0;
    try {
      // Anchored rules match where their keyword starts; the explicit ^ lets RE2/J stop as soon
      // as no match is possible instead of reading the rest of the window.
      search = Pattern.compile(f.get("pattern"));
      pattern = anchored ? Pattern.compile("^(?:" + f.get("pattern") + ")") : search;
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
    try {
      // A pattern that is one group around everything (perhaps then \b) needs no group
      // positions: RE2/J finds those with a second pass, so use the whole match instead.
      int defaultGroup = pattern.groupCount() >= 1 && !groupIsWholeMatch(f.get("pattern")) ? 1 : 0;
      return new Rule(
          kind,
          List.of(f.get("keywords").split("\\s+")),
          pattern,
          search,
          Integer.parseInt(f.getOrDefault("secret-group", "" + defaultGroup)),
          Integer.parseInt(f.getOrDefault("keep", "0")),
          Check.parse(f.getOrDefault("check", "none")),
          Integer.parseInt(f.getOrDefault("before", "0")),
          Integer.parseInt(f.getOrDefault("after", "128")),
          switch (f.getOrDefault("boundary", "yes")) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("boundary is yes or no");
          },
          !anchored
              ? Shape.ANY
              : f.getOrDefault("check", "").startsWith("assignment-")
                  ? Shape.ASSIGNMENT
                  : Shape.of(f.get("pattern")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
  }

  /** Whether the pattern is {@code (...)} or {@code (...)\b} with the first group around all. */
  static boolean groupIsWholeMatch(String p) {
    if (!p.startsWith("(") || p.startsWith("(?")) {
      return false;
    }
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        String rest = p.substring(i + 1);
        return rest.isEmpty() || rest.equals("\\b");
      }
    }
    return false;
  }

  List<Rule> rules() {
    return rules;
  }

  KeywordIndex index() {
    return index;
  }

  /** Rule number of the internal block-marker keywords. */
  int blockMarkerRule() {
    return rules.size();
  }

  /** Rule number of the internal redaction-marker keyword. */
  int redactionMarkerRule() {
    return rules.size() + 1;
  }

  /** The longest span any rule can look at around a keyword. */
  int reach() {
    return reach;
  }

  /** Every kind the scrubber can report, including the private key blocks. */
  Set<String> kinds() {
    Set<String> kinds = new TreeSet<>();
    for (Rule r : rules) {
      kinds.add(r.kind());
    }
    kinds.addAll(List.of(PEM, OPENSSH, PGP, PUTTY));
    return kinds;
  }

  /** Whether a candidate is a placeholder, a template reference or a documented example. */
  boolean isAllowed(String secret) {
    return allow.allows(secret);
  }
}
