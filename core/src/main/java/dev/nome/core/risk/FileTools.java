package dev.nome.core.risk;

import dev.nome.core.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks for file tools whose arguments are a small language: find, sed, awk, tar, dd. */
final class FileTools {
  private final ToolChecks tools;
  private final Invocations inv;
  private final Walk w;

  FileTools(ToolChecks tools) {
    this.tools = tools;
    this.inv = tools.inv;
    this.w = tools.w;
  }

  private void add(Tier t, String command, String rule) {
    w.findings.add(t, command, rule);
  }

  // ---------------------------------------------------------------- find

  private static final Set<String> FIND_TESTS_WITH_VALUE =
      Set.of(
          "-name",
          "-iname",
          "-path",
          "-ipath",
          "-wholename",
          "-iwholename",
          "-regex",
          "-iregex",
          "-type",
          "-xtype",
          "-size",
          "-mtime",
          "-mmin",
          "-atime",
          "-amin",
          "-ctime",
          "-cmin",
          "-newer",
          "-anewer",
          "-cnewer",
          "-perm",
          "-user",
          "-group",
          "-uid",
          "-gid",
          "-links",
          "-inum",
          "-samefile",
          "-maxdepth",
          "-mindepth",
          "-printf",
          "-used",
          "-fstype",
          "-lname",
          "-ilname",
          "-context",
          "-regextype",
          "-files0-from",
          "-newermt",
          "-newerct",
          "-newerat",
          "-newermm",
          "-newercc",
          "-neweraa",
          "-newerBt",
          "-newermB");
  private static final Set<String> FIND_NO_VALUE =
      Set.of(
          "-print",
          "-print0",
          "-ls",
          "-prune",
          "-quit",
          "-true",
          "-false",
          "-empty",
          "-readable",
          "-writable",
          "-executable",
          "-nouser",
          "-nogroup",
          "-depth",
          "-d",
          "-follow",
          "-xdev",
          "-mount",
          "-noleaf",
          "-daystart",
          "-ignore_readdir_race",
          "-noignore_readdir_race",
          "-warn",
          "-nowarn",
          "-not",
          "!",
          "(",
          ")",
          ",",
          "-a",
          "-o",
          "-and",
          "-or",
          "-help",
          "--help",
          "-version",
          "--version");

  void find(List<Arg> args, int from, String display) {
    add(Tier.READ, display, "lists files");
    int i = from;
    while (i < args.size() && args.get(i).known()) {
      String t = args.get(i).text();
      if (t.equals("-H") || t.equals("-L") || t.equals("-P") || t.startsWith("-O")) {
        i++;
      } else if (t.equals("-D") && i + 1 < args.size()) {
        i += 2;
      } else {
        break;
      }
    }
    List<Arg> starts = new ArrayList<>();
    for (; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t != null && !a.glob() && (t.startsWith("-") || t.equals("(") || t.equals("!"))) {
        break;
      }
      if (a.mayBeFlag()) {
        add(Tier.DANGER, display, "a start path known only at run time could be an expression");
      }
      starts.add(a);
    }
    if (starts.isEmpty()) {
      starts.add(Arg.literal(".", null));
    }
    Arg found = foundPaths(starts);
    for (; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null || a.glob()) {
        add(Tier.DANGER, display, "an expression known only at run time");
        continue;
      }
      switch (t) {
        case "-exec", "-execdir", "-ok", "-okdir" -> {
          List<Arg> inner = new ArrayList<>();
          int k = i + 1;
          for (; k < args.size(); k++) {
            Arg b = args.get(k);
            if (b.is(";")
                || (b.is("+")
                    && k > i + 1
                    && args.get(k - 1).known()
                    && args.get(k - 1).text().contains("{}"))) {
              break;
            }
            inner.add(
                b.text() != null && b.text().contains("{}") && !b.is("{}")
                    ? Arg.dynamic(false, b.word())
                    : b.is("{}") ? found : b);
          }
          if (k >= args.size()) {
            add(Tier.DANGER, display, t + " without its terminating ';' or '+'");
          }
          if (inner.isEmpty()) {
            add(Tier.DANGER, display, t + " without a command");
          } else {
            if (!inner.get(0).known()) {
              add(Tier.DANGER, display, t + " runs a command named at run time");
            } else {
              inv.dispatch(inner, 0, Stdin.INHERITED, List.of());
            }
          }
          i = k;
        }
        case "-delete" -> {
          add(Tier.WRITE, display, "deletes what it finds");
          for (Arg s : starts) {
            inv.path(s, PathUse.WRITE, display + " -delete", true);
          }
        }
        case "-fprint", "-fprint0", "-fls", "-fprintf" -> {
          add(Tier.WRITE, display, t + " writes a file");
          if (i + 1 < args.size()) {
            inv.path(args.get(++i), PathUse.WRITE, display, false);
          }
          if (t.equals("-fprintf")) {
            i++;
          }
        }
        default -> {
          if (FIND_TESTS_WITH_VALUE.contains(t)) {
            if (i + 1 < args.size()) {
              Arg v = args.get(++i);
              if (t.equals("-newer")
                  || t.equals("-anewer")
                  || t.equals("-cnewer")
                  || t.equals("-samefile")
                  || t.equals("-files0-from")) {
                inv.path(v, PathUse.READ, display, false);
              }
            }
          } else if (!FIND_NO_VALUE.contains(t)) {
            add(Tier.WRITE, display, "expression " + t + " is not one we know to be safe");
          }
        }
      }
    }
  }

  /** What {@code {}} stands for: a path anywhere below the start paths (the worst of them). */
  private static Arg foundPaths(List<Arg> starts) {
    Arg worst = null;
    for (Arg s : starts) {
      if (s.dynamic()) {
        return Arg.dynamic(false, null);
      }
      String t = s.text();
      boolean outside = t.startsWith("/") || t.startsWith("~") || t.startsWith("..");
      if (worst == null || outside) {
        worst = s;
      }
    }
    String base = worst.text().endsWith("/") ? worst.text() : worst.text() + "/";
    return new Arg(base + PathRef.ANY_BELOW, true, false, worst.word());
  }

  // ---------------------------------------------------------------- sed

  void sed(CommandSpec spec, List<Arg> args, int from, String display) {
    List<Arg> scripts = new ArrayList<>();
    boolean inPlace = false;
    boolean scriptFile = false;
    boolean sandbox = false;
    List<Arg> operands = new ArrayList<>();
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null || a.glob()) {
        if (a.mayBeFlag()) {
          add(Tier.DANGER, display, "an argument known only at run time could be -i, -e or -f");
        }
        operands.add(a);
        continue;
      }
      if (t.equals("--")) {
        for (int k = i + 1; k < args.size(); k++) {
          operands.add(args.get(k));
        }
        break;
      }
      if (!t.startsWith("-") || t.equals("-")) {
        operands.add(a);
        continue;
      }
      if (t.startsWith("--")) {
        int eq = t.indexOf('=');
        String name = eq < 0 ? t : t.substring(0, eq);
        String full = longName(name, SED_LONG);
        if (full == null) {
          add(Tier.WRITE, display, "flag " + name + " is not one we know to be safe");
          continue;
        }
        switch (full) {
          case "--in-place" -> inPlace = true;
          case "--expression" -> {
            Arg v = eq >= 0 ? Arg.literal(t.substring(eq + 1), a.word()) : next(args, ++i);
            scripts.add(v);
          }
          case "--file" -> {
            scriptFile = true;
            Arg v = eq >= 0 ? Arg.literal(t.substring(eq + 1), a.word()) : next(args, ++i);
            inv.path(v, PathUse.READ, display, false);
          }
          case "--line-length" -> {
            if (eq < 0) {
              i++;
            }
          }
          case "--sandbox" -> sandbox = true;
          default -> {}
        }
        continue;
      }
      for (int k = 1; k < t.length(); k++) {
        char c = t.charAt(k);
        if (c == 'i') {
          inPlace = true;
          break; // the rest is the backup suffix
        }
        if (c == 'e' || c == 'f' || c == 'l') {
          Arg v = k + 1 < t.length() ? Arg.literal(t.substring(k + 1), a.word()) : next(args, ++i);
          if (c == 'e') {
            scripts.add(v);
          } else if (c == 'f') {
            scriptFile = true;
            inv.path(v, PathUse.READ, display, false);
          }
          break;
        }
        if ("nrEsuzb".indexOf(c) < 0) {
          add(Tier.WRITE, display, "flag -" + c + " is not one we know to be safe");
        }
      }
    }
    if (scripts.isEmpty() && !scriptFile) {
      if (operands.isEmpty()) {
        add(Tier.DANGER, display, "no script");
        return;
      }
      scripts.add(operands.remove(0));
    }
    add(
        inPlace ? Tier.WRITE : Tier.READ,
        display,
        inPlace ? "edits files in place" : "prints edited text");
    if (scriptFile) {
      add(Tier.WRITE, display, "runs a sed script from a file");
    }
    for (Arg script : scripts) {
      if (script == null || script.text() == null) {
        add(Tier.DANGER, display, "a script known only at run time");
        continue;
      }
      SedScript.Effects e = SedScript.scan(script.text());
      if (e.problem() != null) {
        add(Tier.DANGER, display, "script not understood: " + e.problem());
      }
      if (e.exec() && !sandbox) {
        add(Tier.DANGER, display, "the script runs shell commands (e)");
      }
      for (String f : e.writes()) {
        inv.path(Arg.literal(f, script.word()), PathUse.WRITE, display, false);
      }
      for (String f : e.reads()) {
        inv.path(Arg.literal(f, script.word()), PathUse.READ, display, false);
      }
    }
    for (Arg o : operands) {
      inv.path(o, inPlace ? PathUse.WRITE : PathUse.READ, display, false);
    }
  }

  private static final String[] SED_LONG = {
    "--debug", "--expression", "--file", "--follow-symlinks", "--help", "--in-place",
    "--line-length", "--null-data", "--posix", "--quiet", "--regexp-extended", "--sandbox",
    "--separate", "--silent", "--unbuffered", "--version", "--zero-terminated", "--binary"
  };

  /** GNU getopt_long: an exact name or a unique prefix of one; null when unknown or ambiguous. */
  static String longName(String name, String[] names) {
    String found = null;
    for (String n : names) {
      if (n.equals(name)) {
        return n;
      }
      if (n.startsWith(name)) {
        if (found != null) {
          return null;
        }
        found = n;
      }
    }
    return found;
  }

  private static Arg next(List<Arg> args, int i) {
    return i < args.size() ? args.get(i) : null;
  }

  // ---------------------------------------------------------------- awk

  private static final String[] AWK_LONG = {
    "--assign",
    "--field-separator",
    "--file",
    "--source",
    "--include",
    "--load",
    "--exec",
    "--sandbox",
    "--characters-as-bytes",
    "--traditional",
    "--posix",
    "--lint",
    "--re-interval",
    "--optimize",
    "--no-optimize",
    "--bignum",
    "--use-lc-numeric",
    "--non-decimal-data",
    "--dump-variables",
    "--debug",
    "--profile",
    "--pretty-print",
    "--gen-pot",
    "--help",
    "--version",
    "--copyright",
    "--csv"
  };

  void awk(CommandSpec spec, List<Arg> args, int from, String display) {
    List<Arg> programs = new ArrayList<>();
    boolean programFile = false;
    boolean sandbox = false;
    List<Arg> operands = new ArrayList<>();
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null || a.glob()) {
        if (a.mayBeFlag() && programs.isEmpty() && !programFile && operands.isEmpty()) {
          add(
              Tier.DANGER,
              display,
              "an argument known only at run time could be a flag or the program");
        }
        operands.add(a);
        continue;
      }
      if (!operands.isEmpty() || !t.startsWith("-") || t.equals("-")) {
        operands.add(a);
        continue;
      }
      if (t.equals("--")) {
        for (int k = i + 1; k < args.size(); k++) {
          operands.add(args.get(k));
        }
        break;
      }
      if (t.startsWith("--")) {
        int eq = t.indexOf('=');
        String full = longName(eq < 0 ? t : t.substring(0, eq), AWK_LONG);
        Arg v = null;
        boolean valued =
            full != null
                && Set.of(
                        "--assign",
                        "--field-separator",
                        "--file",
                        "--source",
                        "--include",
                        "--load",
                        "--exec")
                    .contains(full);
        if (valued) {
          v = eq >= 0 ? Arg.literal(t.substring(eq + 1), a.word()) : next(args, ++i);
        }
        if (full == null) {
          add(Tier.WRITE, display, "flag " + t + " is not one we know to be safe");
        } else {
          switch (full) {
            case "--file", "--exec" -> {
              programFile = true;
              if (v != null) {
                inv.path(v, PathUse.READ, display, false);
              }
            }
            case "--source" -> programs.add(v);
            case "--include" -> add(Tier.WRITE, display, "loads an awk library");
            case "--load" -> add(Tier.DANGER, display, "loads a compiled extension");
            case "--sandbox" -> sandbox = true;
            case "--dump-variables", "--profile", "--pretty-print", "--debug" -> {
              if (eq >= 0) {
                inv.path(Arg.literal(t.substring(eq + 1), a.word()), PathUse.WRITE, display, false);
              } else {
                add(Tier.WRITE, display, t + " writes a file");
              }
            }
            default -> {}
          }
        }
        continue;
      }
      char c = t.charAt(1);
      String rest = t.length() > 2 ? t.substring(2) : null;
      switch (c) {
        case 'F', 'v' -> {
          if (rest == null) {
            i++;
          }
        }
        case 'f', 'E' -> {
          programFile = true;
          Arg v = rest != null ? Arg.literal(rest, a.word()) : next(args, ++i);
          if (v != null) {
            inv.path(v, PathUse.READ, display, false);
          }
        }
        case 'e' -> programs.add(rest != null ? Arg.literal(rest, a.word()) : next(args, ++i));
        case 'i' -> {
          add(Tier.WRITE, display, "loads an awk library");
          if (rest == null) {
            i++;
          }
        }
        case 'l' -> {
          add(Tier.DANGER, display, "loads a compiled extension");
          if (rest == null) {
            i++;
          }
        }
        case 'S' -> sandbox = true;
        case 'd', 'p', 'o', 'D' -> {
          if (rest != null) {
            inv.path(Arg.literal(rest, a.word()), PathUse.WRITE, display, false);
          } else {
            add(Tier.WRITE, display, "-" + c + " writes a file");
          }
        }
        case 'b',
            'c',
            'C',
            'g',
            'h',
            'L',
            'M',
            'n',
            'N',
            'O',
            'P',
            'r',
            's',
            't',
            'V',
            'W',
            'k' -> {}
        default -> add(Tier.WRITE, display, "flag -" + c + " is not one we know to be safe");
      }
    }
    if (programs.isEmpty() && !programFile) {
      if (operands.isEmpty()) {
        add(Tier.DANGER, display, "no program");
        return;
      }
      programs.add(operands.remove(0));
    }
    add(Tier.READ, display, "prints computed text");
    if (programFile) {
      add(Tier.WRITE, display, "runs an awk program from a file");
    }
    for (Arg program : programs) {
      if (program == null || program.text() == null) {
        add(Tier.DANGER, display, "a program known only at run time");
        continue;
      }
      AwkProgram.Effects e = AwkProgram.scan(program.text());
      if (e.exec() && !sandbox) {
        add(Tier.DANGER, display, "the program runs commands (system, pipes or @load)");
      }
      if (e.includes()) {
        add(Tier.WRITE, display, "the program includes other awk files");
      }
      for (String f : e.writes()) {
        if (sandbox) {
          continue;
        }
        if (f == null) {
          add(Tier.DANGER, display, "the program writes to a file named at run time");
        } else {
          inv.path(Arg.literal(f, program.word()), PathUse.WRITE, display, false);
        }
      }
      for (String f : e.reads()) {
        if (f != null) {
          inv.path(Arg.literal(f, program.word()), PathUse.READ, display, false);
        }
      }
    }
    for (Arg o : operands) {
      String t = o.text();
      if (t != null && !o.glob() && t.indexOf('=') > 0 && isName(t.substring(0, t.indexOf('=')))) {
        continue; // var=value operand
      }
      inv.path(o, PathUse.READ, display, false);
    }
  }

  private static boolean isName(String s) {
    if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_')) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- dd

  void dd(List<Arg> args, int from, String display) {
    boolean output = false;
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null) {
        add(Tier.DANGER, display, "an operand known only at run time");
        continue;
      }
      if (t.startsWith("if=")) {
        inv.path(Arg.literal(t.substring(3), a.word()), PathUse.READ, display, false);
      } else if (t.startsWith("of=")) {
        output = true;
        inv.path(Arg.literal(t.substring(3), a.word()), PathUse.WRITE, display, false);
      }
    }
    add(
        output ? Tier.WRITE : Tier.READ,
        display,
        output ? "copies into a file" : "copies to standard output");
  }

  // ---------------------------------------------------------------- archives

  void tar(CommandSpec spec, List<Arg> args, int from, String display) {
    char mode = 0;
    boolean toStdout = false;
    boolean absolute = false;
    Arg archive = null;
    Arg directory = null;
    List<Arg> operands = new ArrayList<>();
    int i = from;
    // old style: the first argument is a cluster of letters without a dash (`tar czf out.tgz dir`)
    if (i < args.size() && args.get(i).known() && !args.get(i).text().startsWith("-")) {
      String cluster = args.get(i++).text();
      for (int k = 0; k < cluster.length(); k++) {
        char c = cluster.charAt(k);
        if ("crtuxdA".indexOf(c) >= 0) {
          mode = c;
        } else if (c == 'f') {
          archive = next(args, i++);
        } else if (c == 'C') {
          directory = next(args, i++);
        } else if (c == 'O') {
          toStdout = true;
        } else if (c == 'P') {
          absolute = true;
        } else if (c == 'I' || c == 'F') {
          add(Tier.DANGER, display, "-" + c + " runs another program");
          i++;
        } else if (c == 'T' || c == 'X' || c == 'b' || c == 'L' || c == 'N' || c == 'V' || c == 'H'
            || c == 'g' || c == 'K') {
          Arg v = next(args, i++);
          if (v != null && (c == 'T' || c == 'X')) {
            inv.path(v, PathUse.READ, display, false);
          }
        } else if ("zjJavpkhmSwBGlnoqRsUWZ".indexOf(c) < 0) {
          add(Tier.WRITE, display, "letter " + c + " is not one we know to be safe");
        }
      }
    }
    for (; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null || a.glob() || !t.startsWith("-") || t.equals("-")) {
        if (a.mayBeFlag()) {
          add(
              Tier.DANGER,
              display,
              "an argument known only at run time could be a flag that runs programs");
        }
        operands.add(a);
        continue;
      }
      if (t.startsWith("--")) {
        int eq = t.indexOf('=');
        String name = eq < 0 ? t : t.substring(0, eq);
        Flag f = spec.flag(name);
        if (f == null) {
          Flag[] c = spec.byPrefix(name);
          f = c.length == 1 ? c[0] : null;
          for (Flag x : c) {
            if (x.effect() == FlagEffect.EXEC) {
              f = x;
            }
          }
        }
        String full = f != null ? f.name() : longName(name, TAR_LONG);
        if (full == null) {
          add(Tier.WRITE, display, "flag " + name + " is not one we know to be safe");
          continue;
        }
        if (f != null && f.effect() == FlagEffect.EXEC) {
          add(Tier.DANGER, display, "flag " + full + " runs another program");
          if (eq < 0) {
            i++;
          }
          continue;
        }
        Arg v = null;
        if (TAR_LONG_VALUED.contains(full)) {
          v = eq >= 0 ? Arg.literal(t.substring(eq + 1), a.word()) : next(args, ++i);
        }
        switch (full) {
          case "--create" -> mode = 'c';
          case "--extract", "--get" -> mode = 'x';
          case "--list" -> mode = 't';
          case "--append" -> mode = 'r';
          case "--update" -> mode = 'u';
          case "--diff", "--compare" -> mode = 'd';
          case "--delete" -> mode = 'D';
          case "--file" -> archive = v;
          case "--directory" -> directory = v;
          case "--to-stdout" -> toStdout = true;
          case "--absolute-names" -> absolute = true;
          case "--files-from", "--exclude-from" -> {
            if (v != null) {
              inv.path(v, PathUse.READ, display, false);
            }
          }
          case "--remove-files" -> add(Tier.WRITE, display, "removes the files it archives");
          default -> {}
        }
        continue;
      }
      for (int k = 1; k < t.length(); k++) {
        char c = t.charAt(k);
        String rest = k + 1 < t.length() ? t.substring(k + 1) : null;
        if ("crtuxdA".indexOf(c) >= 0) {
          mode = c;
        } else if (c == 'f' || c == 'C' || c == 'T' || c == 'X' || c == 'I' || c == 'F' || c == 'b'
            || c == 'L' || c == 'N' || c == 'V' || c == 'H' || c == 'g' || c == 'K') {
          Arg v = rest != null ? Arg.literal(rest, a.word()) : next(args, ++i);
          switch (c) {
            case 'f' -> archive = v;
            case 'C' -> directory = v;
            case 'T', 'X' -> {
              if (v != null) {
                inv.path(v, PathUse.READ, display, false);
              }
            }
            case 'I', 'F' -> add(Tier.DANGER, display, "-" + c + " runs another program");
            default -> {}
          }
          break;
        } else if (c == 'O') {
          toStdout = true;
        } else if (c == 'P') {
          absolute = true;
        } else if ("zjJavpkhmSwBGlnoqRsUWZ".indexOf(c) < 0) {
          add(Tier.WRITE, display, "flag -" + c + " is not one we know to be safe");
        }
      }
    }
    switch (mode) {
      case 't', 'd' -> {
        add(Tier.READ, display, "lists or compares an archive");
        if (archive != null) {
          inv.path(archive, PathUse.READ, display, false);
        }
      }
      case 'x' -> {
        if (archive != null) {
          inv.path(archive, PathUse.READ, display, false);
        }
        if (toStdout) {
          add(Tier.READ, display, "extracts to standard output");
        } else {
          add(Tier.WRITE, display, "extracts files");
          inv.path(
              directory != null ? directory : Arg.literal(".", null),
              PathUse.WRITE,
              display,
              false);
          if (absolute) {
            add(Tier.DANGER, display, "extracts with absolute names (anywhere on disk)");
          }
        }
      }
      case 'c', 'r', 'u', 'A', 'D' -> {
        add(Tier.WRITE, display, "writes an archive");
        if (archive != null) {
          inv.path(archive, PathUse.WRITE, display, false);
        }
        for (Arg o : operands) {
          inv.path(o, PathUse.READ, display, true);
        }
      }
      default -> add(Tier.WRITE, display, "no operation we recognise");
    }
  }

  private static final String[] TAR_LONG = {
    "--create",
    "--extract",
    "--get",
    "--list",
    "--append",
    "--update",
    "--diff",
    "--compare",
    "--delete",
    "--file",
    "--directory",
    "--to-stdout",
    "--absolute-names",
    "--files-from",
    "--exclude-from",
    "--exclude",
    "--gzip",
    "--gunzip",
    "--bzip2",
    "--xz",
    "--zstd",
    "--lzma",
    "--auto-compress",
    "--verbose",
    "--strip-components",
    "--wildcards",
    "--no-same-owner",
    "--no-same-permissions",
    "--same-permissions",
    "--preserve-permissions",
    "--keep-old-files",
    "--skip-old-files",
    "--overwrite",
    "--totals",
    "--null",
    "--mtime",
    "--owner",
    "--group",
    "--mode",
    "--sort",
    "--numeric-owner",
    "--format",
    "--remove-files",
    "--one-file-system",
    "--warning",
    "--no-recursion",
    "--recursion",
    "--anchored",
    "--ignore-case",
    "--exclude-vcs",
    "--exclude-vcs-ignores",
    "--transform",
    "--xform",
    "--show-transformed-names",
    "--blocking-factor",
    "--checkpoint",
    "--force-local",
    "--occurrence",
    "--dereference",
    "--hard-dereference",
    "--ignore-failed-read",
    "--touch",
    "--unlink-first",
    "--keep-newer-files",
    "--level",
    "--label",
    "--posix",
    "--pax-option",
    "--help",
    "--version",
    "--no-wildcards",
    "--wildcards-match-slash",
    "--no-anchored",
    "--sparse",
    "--acls",
    "--xattrs",
    "--selinux",
    "--clamp-mtime",
    "--full-time",
    "--utc",
    "--quiet"
  };

  private static final Set<String> TAR_LONG_VALUED =
      Set.of(
          "--file",
          "--directory",
          "--files-from",
          "--exclude-from",
          "--exclude",
          "--strip-components",
          "--mtime",
          "--owner",
          "--group",
          "--mode",
          "--sort",
          "--format",
          "--warning",
          "--transform",
          "--xform",
          "--blocking-factor",
          "--occurrence",
          "--level",
          "--label",
          "--pax-option");

  void unzip(CommandSpec spec, List<Arg> args, int from, String display) {
    Scan s = inv.scan(spec, args, from, display, false);
    List<Integer> ops = s.operands;
    if (s.has("-l", "-v", "-t", "-z", "-Z", "-p", "-c")) {
      add(Tier.READ, display, "lists or prints an archive");
    } else {
      add(Tier.WRITE, display, "extracts files");
      if (s.value("-d") == null) {
        inv.path(Arg.literal(".", null), PathUse.WRITE, display, false);
      }
    }
    if (!ops.isEmpty()) {
      inv.path(args.get(ops.get(0)), PathUse.READ, display, false);
    }
  }

  void decompress(CommandSpec spec, List<Arg> args, int from, String display) {
    Scan s = inv.scan(spec, args, from, display, false);
    boolean stdout =
        display.endsWith("cat")
            || s.has("-c", "--stdout", "--to-stdout", "-l", "--list", "-t", "--test");
    add(
        stdout ? Tier.READ : Tier.WRITE,
        display,
        stdout ? "prints or tests compressed data" : "compresses or decompresses files in place");
    for (int i : s.operands) {
      inv.path(args.get(i), stdout ? PathUse.READ : PathUse.WRITE, display, false);
    }
  }
}
