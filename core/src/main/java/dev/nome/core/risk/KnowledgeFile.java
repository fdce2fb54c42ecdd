package dev.nome.core.risk;

import dev.nome.core.Tier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the command knowledge format (docs/command-knowledge.md): one keyword per line, then items
 * separated by spaces; {@code #} starts a comment. Any line it does not understand is an error
 * naming the line, so a typo never silently weakens a rule.
 */
final class KnowledgeFile {
  final Map<String, CommandSpec> commands = new HashMap<>();
  final EnvironmentRules env = new EnvironmentRules();
  final PathRules paths = new PathRules();
  final Map<String, Set<String>> lists = new HashMap<>();

  private final List<CommandSpec> current = new ArrayList<>();
  private final List<CommandSpec> top = new ArrayList<>();
  private final List<CommandSpec> all = new ArrayList<>();
  private int lineNo;

  static KnowledgeFile read(Reader reader) throws IOException {
    KnowledgeFile k = new KnowledgeFile();
    try (BufferedReader in = new BufferedReader(reader)) {
      String line;
      while ((line = in.readLine()) != null) {
        k.lineNo++;
        int hash = line.indexOf(" #");
        if (line.stripLeading().startsWith("#")) {
          continue;
        }
        if (hash >= 0) {
          line = line.substring(0, hash);
        }
        String[] items = line.strip().split("\\s+");
        if (items.length == 0 || items[0].isEmpty()) {
          continue;
        }
        k.line(items);
      }
    }
    for (CommandSpec s : k.all) {
      s.seal();
    }
    return k;
  }

  private KnowledgeFormatException error(String what) {
    return new KnowledgeFormatException("line " + lineNo + ": " + what);
  }

  private void line(String[] items) {
    String key = items[0];
    switch (key) {
      case "env" -> {
        if (!current.isEmpty()) {
          need(items, 3);
          Tier t = tier(items[1]);
          for (CommandSpec s : current) {
            for (int i = 2; i < items.length; i++) {
              s.env.add(t, items[i]);
            }
          }
        } else {
          need(items, 3);
          Tier t = tier(items[1]);
          for (int i = 2; i < items.length; i++) {
            env.add(t, items[i]);
          }
        }
      }
      case "path" -> {
        need(items, 3);
        PathRules.Kind kind;
        try {
          kind = PathRules.Kind.valueOf(items[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw error("unknown path kind '" + items[1] + "'");
        }
        for (int i = 2; i < items.length; i++) {
          try {
            paths.add(kind, items[i]);
          } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
          }
        }
        current.clear();
      }
      case "list" -> {
        need(items, 3);
        Set<String> set = lists.computeIfAbsent(items[1], x -> new HashSet<>());
        for (int i = 2; i < items.length; i++) {
          set.add(items[i]);
        }
        current.clear();
      }
      case "cmd" -> {
        need(items, 2);
        current.clear();
        top.clear();
        CommandSpec spec = new CommandSpec(items[1]);
        for (int i = 1; i < items.length; i++) {
          if (commands.putIfAbsent(items[i], spec) != null) {
            throw error("command '" + items[i] + "' is described twice");
          }
        }
        current.add(spec);
        top.add(spec);
        all.add(spec);
      }
      case "sub" -> {
        need(items, 2);
        if (top.isEmpty()) {
          throw error("'sub' outside a 'cmd'");
        }
        CommandSpec parent = top.get(0);
        current.clear();
        for (int i = 1; i < items.length; i++) {
          String[] path = items[i].split("/");
          CommandSpec owner = parent;
          for (int p = 0; p < path.length - 1; p++) {
            owner = owner.subs.get(path[p]);
            if (owner == null) {
              throw error("subcommand '" + items[i] + "' before its parent");
            }
          }
          String leaf = path[path.length - 1];
          CommandSpec spec = new CommandSpec(owner.name + " " + leaf);
          spec.abbreviations = parent.abbreviations;
          if (owner.subs.putIfAbsent(leaf, spec) != null) {
            throw error("subcommand '" + items[i] + "' is described twice");
          }
          current.add(spec);
          all.add(spec);
        }
      }
      default -> entryLine(key, items);
    }
  }

  private void entryLine(String key, String[] items) {
    if (current.isEmpty()) {
      throw error("'" + key + "' outside a 'cmd' or 'sub'");
    }
    for (CommandSpec s : current) {
      switch (key) {
        case "tier" -> {
          need(items, 2);
          s.tier = tier(items[1]);
        }
        case "abbrev" -> {
          need(items, 2);
          if (!items[1].equals("gnu")) {
            throw error("abbrev takes 'gnu'");
          }
          s.abbreviations = true;
        }
        case "numeric" -> s.numericFlags = true;
        case "why" -> {
          need(items, 2);
          s.why = String.join(" ", java.util.Arrays.copyOfRange(items, 1, items.length));
        }
        case "unknown" -> {
          need(items, 2);
          s.unknownFlag = tier(items[1]);
        }
        case "unknown-sub" -> {
          need(items, 2);
          s.unknownSub = tier(items[1]);
        }
        case "read" -> flags(s, items, FlagEffect.READ);
        case "write" -> flags(s, items, FlagEffect.WRITE);
        case "danger" -> flags(s, items, FlagEffect.DANGER);
        case "exec" -> flags(s, items, FlagEffect.EXEC);
        case "pattern-flags" -> {
          for (int i = 1; i < items.length; i++) {
            s.patternFlags.add(items[i]);
          }
        }
        case "recursive" -> {
          for (int i = 1; i < items.length; i++) {
            if (items[i].equals("always")) {
              s.recursiveAlways = true;
            } else {
              s.recursiveFlags.add(items[i]);
            }
          }
        }
        case "check" -> {
          need(items, 2);
          if (!ToolChecks.NAMES.contains(items[1])) {
            throw error("unknown check '" + items[1] + "'");
          }
          s.check = items[1];
        }
        case "args" -> args(s, items);
        default -> throw error("unknown keyword '" + key + "'");
      }
    }
  }

  private void args(CommandSpec s, String[] items) {
    need(items, 2);
    String kind = String.join(" ", java.util.Arrays.copyOfRange(items, 1, items.length));
    if (kind.startsWith("skip")) {
      int space = kind.indexOf(' ');
      try {
        s.skip = Integer.parseInt(kind.substring(4, space < 0 ? kind.length() : space));
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw error("bad skip in '" + kind + "'");
      }
      kind = space < 0 ? "" : kind.substring(space + 1);
    }
    s.args =
        switch (kind) {
          case "none" -> ArgsKind.NONE;
          case "paths-read" -> ArgsKind.PATHS_READ;
          case "paths-list" -> ArgsKind.PATHS_LIST;
          case "paths-write" -> ArgsKind.PATHS_WRITE;
          case "pattern paths-read" -> ArgsKind.PATTERN_PATHS_READ;
          case "paths-read-last-write" -> ArgsKind.PATHS_READ_LAST_WRITE;
          case "paths-read-first-write" -> ArgsKind.PATHS_READ_FIRST_WRITE;
          case "mode paths-write" -> ArgsKind.MODE_PATHS_WRITE;
          case "command" -> ArgsKind.COMMAND;
          case "sub" -> ArgsKind.SUB;
          case "sub-or-paths" -> ArgsKind.SUB_OR_PATHS;
          case "revs-and-paths" -> ArgsKind.REVS_AND_PATHS;
          case "script" -> ArgsKind.SCRIPT;
          default -> throw error("unknown args kind '" + kind + "'");
        };
  }

  private void flags(CommandSpec s, String[] items, FlagEffect effect) {
    for (int i = 1; i < items.length; i++) {
      String item = items[i];
      Flag.Value value = Flag.Value.NONE;
      PathUse path = PathUse.NONE;
      String name = item;
      if (item.length() > 1 && item.endsWith("?")) {
        value = Flag.Value.OPTIONAL;
        name = item.substring(0, item.length() - 1);
      } else {
        int eq = item.indexOf('=', 1);
        if (eq > 0) {
          value = Flag.Value.REQUIRED;
          name = item.substring(0, eq);
          path =
              switch (item.substring(eq + 1)) {
                case "" -> PathUse.NONE;
                case "r" -> PathUse.READ;
                case "w" -> PathUse.WRITE;
                default -> throw error("bad flag value marker in '" + item + "'");
              };
        }
      }
      if (!name.startsWith("-")) {
        throw error("a flag starts with '-' (got '" + item + "')");
      }
      s.addFlag(new Flag(name, value, effect, path));
    }
  }

  private Tier tier(String text) {
    try {
      return Tier.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  private void need(String[] items, int n) {
    if (items.length < n) {
      throw error("'" + items[0] + "' needs more items");
    }
  }
}
