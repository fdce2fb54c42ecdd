package dev.nome.core.risk;

import dev.nome.core.Tier;
import dev.nome.core.shell.AndOr;
import dev.nome.core.shell.BraceGroup;
import dev.nome.core.shell.Command;
import dev.nome.core.shell.Negation;
import dev.nome.core.shell.Pipeline;
import dev.nome.core.shell.ProcessSubstitution;
import dev.nome.core.shell.SimpleCommand;
import dev.nome.core.shell.Statement;
import dev.nome.core.shell.Subshell;
import dev.nome.core.shell.Word;
import dev.nome.core.shell.WordPart;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a knowledge entry names with {@code check}: commands whose arguments are programs
 * (shells, interpreters, wrappers, sed and awk scripts, find expressions) or whose meaning depends
 * on more than their flags. Some replace the generic flag reading ({@link #replaces}), the others
 * run after it.
 */
final class ToolChecks {
  private static final Set<String> REPLACING =
      Set.of(
          "printf",
          "cd",
          "env",
          "find",
          "awk",
          "sed",
          "dd",
          "tar",
          "git-config",
          "python",
          "interpreter",
          "perl",
          "command",
          "watch",
          "xargs",
          "parallel",
          "eval",
          "source",
          "shell",
          "trap",
          "system",
          "declare",
          "let",
          "unzip",
          "decompress-to-stdout",
          "wget",
          "privilege");

  /** Checks that run after the generic flag reading. */
  private static final Set<String> FOLLOWING =
      Set.of(
          "copy",
          "branch",
          "tag",
          "git-push",
          "git-reset",
          "curl",
          "npm-read",
          "docker-run",
          "kubectl-get",
          "pager");

  /** Every check this class implements; a knowledge entry naming another is an error. */
  static final Set<String> NAMES = union(REPLACING, FOLLOWING);

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  final Invocations inv;
  final Walk w;
  final FileTools files;

  ToolChecks(Invocations inv) {
    this.inv = inv;
    this.w = inv.w;
    this.files = new FileTools(this);
  }

  static boolean replaces(String check) {
    return REPLACING.contains(check);
  }

  void add(Tier t, String command, String rule) {
    w.findings.add(t, command, rule);
  }

  void run(String check, CommandSpec spec, List<Arg> args, int from, Stdin in, String display) {
    switch (check) {
      case "printf" -> printf(args, from, display);
      case "cd" -> cd(args, from, display);
      case "env" -> env(spec, args, from, in, display);
      case "find" -> files.find(args, from, display);
      case "awk" -> files.awk(spec, args, from, display);
      case "sed" -> files.sed(spec, args, from, display);
      case "dd" -> files.dd(args, from, display);
      case "tar" -> files.tar(spec, args, from, display);
      case "unzip" -> files.unzip(spec, args, from, display);
      case "decompress-to-stdout" -> files.decompress(spec, args, from, display);
      case "wget" -> wget(spec, args, from, display);
      case "git-config" -> gitConfig(args, from, display);
      case "python", "interpreter", "perl" -> interpreter(args, from, in, display);
      case "command" -> command(args, from, in, display);
      case "watch" -> watch(spec, args, from, in, display);
      case "xargs" -> xargs(args, from, in, display);
      case "parallel" -> parallel(args, from, display);
      case "eval" -> eval(args, from, display);
      case "source" -> source(args, from, in, display);
      case "shell" -> shell(args, from, in, display);
      case "trap" -> trap(args, from, display);
      case "system" -> system(spec, args, from, display);
      case "declare" -> declare(args, from, display);
      case "let" -> {
        for (int i = from; i < args.size(); i++) {
          Word word = args.get(i).word();
          if (word != null) {
            w.arithmetic(word, "let");
          }
        }
        add(Tier.READ, display, "arithmetic");
      }
      case "privilege" -> inv.base(spec, display);
      default -> add(Tier.DANGER, display, "no check named " + check);
    }
  }

  void after(String check, CommandSpec spec, Scan s, List<Arg> args, Stdin in, String display) {
    List<Arg> ops = new ArrayList<>(s.operands.size());
    for (int i : s.operands) {
      ops.add(args.get(i));
    }
    switch (check) {
      case "copy" -> {
        for (Arg a : ops) {
          if (a.text() != null && isRemote(a.text())) {
            add(Tier.DANGER, display, "copies to or from another machine (" + a.text() + ")");
          }
        }
      }
      case "branch", "tag" -> {
        boolean listing =
            s.has(
                "-l",
                "--list",
                "-a",
                "--all",
                "-r",
                "--remotes",
                "--contains",
                "--no-contains",
                "--merged",
                "--no-merged",
                "--points-at",
                "-v",
                "--verify");
        if (!ops.isEmpty() && !listing) {
          add(Tier.WRITE, display, "creates " + (check.equals("tag") ? "a tag" : "a branch"));
        }
      }
      case "git-push" -> {
        for (int i = 1; i < ops.size(); i++) {
          Arg ref = ops.get(i);
          if (ref.dynamic()) {
            add(
                Tier.DANGER,
                display,
                "pushes a refspec known only at run time (it may force or delete)");
          } else if (ref.text().startsWith("+")) {
            add(Tier.DANGER, display, "force-pushes " + ref.text() + " (rewrites remote history)");
          } else if (ref.text().startsWith(":")) {
            add(Tier.DANGER, display, "deletes the remote branch " + ref.text().substring(1));
          }
        }
      }
      case "git-reset" -> {
        int limit = Math.min(s.endOfOptions, ops.size());
        for (int i = 0; i < limit; i++) {
          Arg a = ops.get(i);
          if (a.dynamic() || (a.text() != null && movesBranch(a.text()))) {
            add(Tier.DANGER, display, "moves the branch to " + a + " (rewrites history)");
          }
        }
      }
      case "curl" -> {
        if (s.has(
            "-d",
            "--data",
            "--data-raw",
            "--data-binary",
            "--data-ascii",
            "--data-urlencode",
            "-F",
            "--form",
            "--form-string",
            "--json")) {
          add(Tier.WRITE, display, "sends data to a server");
        }
        Arg method = s.value("-X", "--request");
        if (method != null && (method.dynamic() || !(method.is("GET") || method.is("HEAD")))) {
          add(Tier.WRITE, display, "sends a " + method + " request");
        }
        downloadOutputs(s, display);
      }
      case "npm-read" -> {
        for (Arg a : ops) {
          if (a.is("fix")) {
            add(Tier.WRITE, display, "changes dependencies");
          } else if (a.is("set") || a.is("delete") || a.is("edit") || a.is("rm")) {
            add(Tier.DANGER, display, "changes npm configuration outside the workspace");
          }
        }
      }
      case "docker-run" -> dockerMounts(s, display);
      case "pager" -> {
        for (Arg a : ops) {
          if (a.text() == null || a.text().startsWith("+")) {
            add(Tier.DANGER, display, "an initial pager command (+cmd) can run shell commands");
          }
        }
      }
      case "kubectl-get" -> {
        for (Arg a : ops) {
          String t = a.text();
          if (t == null
              || t.equals("secret")
              || t.equals("secrets")
              || t.startsWith("secret/")
              || t.startsWith("secrets/")
              || t.contains("secret,")
              || t.endsWith(",secret")
              || t.endsWith(",secrets")
              || t.equals("all")) {
            add(Tier.DANGER, display, "reads cluster secrets");
          }
        }
      }
      default -> {}
    }
  }

  // ---------------------------------------------------------------- small builtins

  private void printf(List<Arg> args, int from, String display) {
    add(Tier.READ, display, "prints");
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      if (a.is("-v") && i + 1 < args.size()) {
        Arg name = args.get(++i);
        if (name.dynamic() || name.glob()) {
          add(Tier.DANGER, display, "printf -v assigns a variable named at run time");
        } else if (name.text().indexOf('[') >= 0) {
          String sub = name.text().substring(name.text().indexOf('[') + 1);
          if (!Bindings.isNumber(sub.endsWith("]") ? sub.substring(0, sub.length() - 1) : sub)) {
            add(
                Tier.DANGER,
                display,
                "printf -v assigns through an array subscript that bash evaluates");
          }
        } else if (w.knowledge.env.lookup(name.text(), null) == Tier.DANGER) {
          add(Tier.DANGER, display, "printf -v sets " + name.text());
        }
      } else {
        inv.mention(a, display);
      }
    }
  }

  private void cd(List<Arg> args, int from, String display) {
    add(Tier.READ, display, "changes the working directory");
    w.sawCd = true;
    Arg target = null;
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      if (a.text() != null && a.text().startsWith("-") && a.text().length() > 1 && !a.glob()) {
        continue;
      }
      target = a;
      break;
    }
    if (display.equals("popd")) {
      w.cwd = new PathRef(PathRef.Anchor.UNKNOWN, List.of());
    } else if (target == null) {
      w.cwd = new PathRef(PathRef.Anchor.HOME, List.of());
    } else if (target.dynamic() || target.glob() || target.is("-")) {
      w.cwd = new PathRef(PathRef.Anchor.UNKNOWN, List.of());
    } else {
      w.cwd = PathRef.of(target.text(), w.cwd, w.workspace);
    }
  }

  private void declare(List<Arg> args, int from, String display) {
    add(Tier.READ, display, "sets shell variables");
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      if (a.dynamic()) {
        add(Tier.DANGER, display, "declares something known only at run time");
        continue;
      }
      String t = a.text();
      int eq = t.indexOf('=');
      if (t.startsWith("-") && t.indexOf('i') > 0) {
        add(Tier.DANGER, display, "integer variables evaluate their values as arithmetic");
      }
      if (eq > 0) {
        String name = t.substring(0, eq);
        if (w.knowledge.env.lookup(name, t.substring(eq + 1)) == Tier.DANGER
            || name.startsWith("BASH_FUNC_")
            || name.indexOf('[') >= 0) {
          add(Tier.DANGER, display, "sets " + name);
        }
      }
    }
  }

  private void system(CommandSpec spec, List<Arg> args, int from, String display) {
    List<Arg> ops = new ArrayList<>();
    boolean listOnly = false;
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      if (a.is("-l") || a.is("--status-all") || a.is("list") || a.is("--version")) {
        listOnly = true;
      } else if (a.text() == null || !a.text().startsWith("-")) {
        ops.add(a);
      }
    }
    boolean read =
        switch (display) {
          case "crontab" -> listOnly && ops.isEmpty();
          case "atq" -> true;
          case "systemctl" ->
              !ops.isEmpty() && READ_SYSTEMCTL.contains(String.valueOf(ops.get(0).text()));
          case "service" -> listOnly || (ops.size() == 2 && ops.get(1).is("status"));
          case "launchctl" -> listOnly || (!ops.isEmpty() && ops.get(0).is("print"));
          default -> false;
        };
    if (read) {
      add(Tier.READ, display, "shows scheduled jobs or services");
    } else {
      inv.base(spec, display);
    }
  }

  private static final Set<String> READ_SYSTEMCTL =
      Set.of(
          "status",
          "show",
          "list-units",
          "list-unit-files",
          "list-timers",
          "list-sockets",
          "is-active",
          "is-enabled",
          "is-failed",
          "cat",
          "list-dependencies",
          "--version");

  // ---------------------------------------------------------------- network

  private void wget(CommandSpec spec, List<Arg> args, int from, String display) {
    Scan s = inv.scan(spec, args, from, display, false);
    Arg out = s.value("-O", "--output-document");
    if (s.has("--spider") || (out != null && out.is("-"))) {
      add(Tier.READ, display, "downloads to standard output");
    } else {
      add(Tier.WRITE, display, "downloads into a file");
      if (out == null && s.value("-P", "--directory-prefix") == null) {
        inv.path(Arg.literal(".", null), PathUse.WRITE, display, false);
      }
    }
    for (int i : s.operands) {
      inv.mention(args.get(i), display);
    }
    downloadOutputs(s, display);
  }

  private void downloadOutputs(Scan s, String display) {
    for (int i = 0; i < s.flags.size(); i++) {
      String f = s.flags.get(i);
      Arg v = s.values.get(i);
      if (v != null
          && v.known()
          && (f.equals("-o")
              || f.equals("--output")
              || f.equals("-O")
              || f.equals("--output-document"))) {
        w.downloaded.add(v.text());
      }
    }
  }

  private static boolean isRemote(String t) {
    int colon = t.indexOf(':');
    int slash = t.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash);
  }

  private static boolean movesBranch(String t) {
    if (t.indexOf('~') >= 0
        || t.indexOf('^') >= 0
        || t.contains("@{")
        || t.contains("/")
        || t.equals("ORIG_HEAD")
        || t.equals("FETCH_HEAD")
        || t.equals("MERGE_HEAD")
        || t.equals("@")) {
      return !t.startsWith(".") && !t.contains(".");
    }
    if (t.length() >= 7 && t.length() <= 64) {
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private void dockerMounts(Scan s, String display) {
    for (int i = 0; i < s.flags.size(); i++) {
      String f = s.flags.get(i);
      Arg v = s.values.get(i);
      if ((f.equals("--network") || f.equals("--net"))
          && (v == null || !v.known() || v.text().equals("host"))) {
        add(Tier.DANGER, display, "shares the host's network with the container");
      }
      if (!(f.equals("-v") || f.equals("--volume") || f.equals("--mount"))) {
        continue;
      }
      if (v == null || v.dynamic()) {
        add(Tier.DANGER, display, "mounts something known only at run time into a container");
        continue;
      }
      String t = v.text();
      String source = null;
      if (f.equals("--mount")) {
        for (String kv : t.split(",")) {
          if (kv.startsWith("source=") || kv.startsWith("src=")) {
            source = kv.substring(kv.indexOf('=') + 1);
          }
        }
      } else {
        int colon = t.indexOf(':');
        source = colon < 0 ? null : t.substring(0, colon);
      }
      if (source != null
          && (source.startsWith("/") || source.startsWith(".") || source.startsWith("~"))) {
        inv.path(Arg.literal(source, v.word()), PathUse.WRITE, display, false);
      }
    }
  }

  // ---------------------------------------------------------------- git config

  private void gitConfig(List<Arg> args, int from, String display) {
    List<Arg> ops = new ArrayList<>();
    boolean write = false;
    boolean outside = false;
    boolean edit = false;
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null) {
        add(Tier.DANGER, display, "an argument known only at run time");
        return;
      }
      if (!t.startsWith("-")) {
        ops.add(a);
        continue;
      }
      String name = t.indexOf('=') > 0 ? t.substring(0, t.indexOf('=')) : t;
      switch (name) {
        case "--global", "--system" -> outside = true;
        case "--file", "-f" -> {
          outside = true;
          if (t.indexOf('=') < 0) {
            i++;
          }
        }
        case "--add",
            "--unset",
            "--unset-all",
            "--replace-all",
            "--rename-section",
            "--remove-section" ->
            write = true;
        case "--edit", "-e" -> edit = true;
        case "--get",
            "--get-all",
            "--get-regexp",
            "--get-urlmatch",
            "--list",
            "-l",
            "--show-origin",
            "--show-scope",
            "--name-only",
            "--includes",
            "--no-includes",
            "--null",
            "-z",
            "--type",
            "--bool",
            "--int",
            "--bool-or-int",
            "--path",
            "--expiry-date",
            "--default",
            "--local",
            "--worktree",
            "--blob",
            "--all",
            "--fixed-value",
            "--value" -> {}
        default -> add(Tier.WRITE, display, "flag " + name + " is not one we know to be safe");
      }
    }
    Arg key = null;
    if (!ops.isEmpty()
        && ops.get(0).known()
        && Set.of("get", "list", "set", "unset", "rename-section", "remove-section", "edit")
            .contains(ops.get(0).text())) {
      String sub = ops.get(0).text();
      edit |= sub.equals("edit");
      write |= !(sub.equals("get") || sub.equals("list"));
      key = ops.size() > 1 ? ops.get(1) : null;
    } else {
      write |= ops.size() >= 2;
      key = ops.isEmpty() ? null : ops.get(0);
    }
    if (edit) {
      add(Tier.DANGER, display, "opens the configuration in an editor");
      return;
    }
    if (!write) {
      add(Tier.READ, display, "reads configuration");
      return;
    }
    add(Tier.WRITE, display, "changes the repository configuration");
    if (outside) {
      add(Tier.DANGER, display, "changes git configuration outside the workspace");
    }
    String k = key == null || key.text() == null ? null : key.text().toLowerCase(Locale.ROOT);
    if (k == null) {
      add(Tier.DANGER, display, "sets a configuration key known only at run time");
      return;
    }
    for (String item : w.knowledge.list("git-config-exec")) {
      if (item.endsWith(".") ? k.startsWith(item) : k.equals(item)) {
        add(
            Tier.DANGER,
            display,
            "sets " + k + ", which makes git run programs or change where it reads from");
        return;
      }
    }
  }

  // ---------------------------------------------------------------- wrappers

  private void env(CommandSpec spec, List<Arg> args, int from, Stdin in, String display) {
    List<String[]> vars = new ArrayList<>();
    int i = from;
    for (; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null || a.glob()) {
        add(Tier.DANGER, display, "an argument known only at run time (a variable or the command)");
        return;
      }
      if (t.equals("--")) {
        i++;
        break;
      }
      if (t.equals("-")
          || t.equals("-i")
          || t.equals("--ignore-environment")
          || t.equals("-0")
          || t.equals("--null")
          || t.equals("-v")
          || t.equals("--debug")) {
        continue;
      }
      if (t.equals("-u") || t.equals("--unset") || t.equals("-C") || t.equals("--chdir")) {
        if (t.endsWith("C") || t.endsWith("chdir")) {
          w.cwd = new PathRef(PathRef.Anchor.UNKNOWN, List.of());
        }
        i++;
        continue;
      }
      if (t.startsWith("--unset=") || (t.startsWith("-u") && t.length() > 2)) {
        continue;
      }
      if (t.startsWith("--chdir=") || (t.startsWith("-C") && t.length() > 2)) {
        w.cwd = new PathRef(PathRef.Anchor.UNKNOWN, List.of());
        continue;
      }
      if (t.startsWith("-S")
          || t.startsWith("--split-string")
          || (t.startsWith("--s") && t.length() > 3)) {
        add(Tier.DANGER, display, "env -S splits a string into a command we cannot see");
        return;
      }
      if (t.startsWith("-")) {
        add(Tier.WRITE, display, "flag " + t + " is not one we know to be safe");
        continue;
      }
      int eq = t.indexOf('=');
      if (eq > 0) {
        vars.add(new String[] {t.substring(0, eq), t.substring(eq + 1)});
        inv.mention(a, display);
        continue;
      }
      break;
    }
    CommandSpec inner = null;
    if (i < args.size() && args.get(i).known()) {
      String name = args.get(i).text();
      inner = w.knowledge.command(name.substring(name.lastIndexOf('/') + 1));
    }
    for (String[] v : vars) {
      inv.environment(v[0], v[1], inner, display);
    }
    if (i >= args.size()) {
      add(Tier.READ, display, "prints the environment");
      return;
    }
    add(Tier.READ, display, "runs a command");
    inv.dispatch(args, i, in, List.of());
  }

  private void command(List<Arg> args, int from, Stdin in, String display) {
    int i = from;
    while (i < args.size() && args.get(i).known() && args.get(i).text().startsWith("-")) {
      String t = args.get(i).text();
      if (t.indexOf('v') > 0 || t.indexOf('V') > 0) {
        add(Tier.READ, display, "looks a command up");
        return;
      }
      i++;
    }
    add(Tier.READ, display, "runs a command");
    inv.dispatch(args, i, in, List.of());
  }

  private void watch(CommandSpec spec, List<Arg> args, int from, Stdin in, String display) {
    Scan s = inv.scan(spec, args, from, display, true);
    add(Tier.READ, display, "repeats a command");
    if (s.operands.isEmpty()) {
      return;
    }
    int first = s.operands.get(0);
    if (s.has("-x", "--exec")) {
      inv.dispatch(args, first, in, List.of());
      return;
    }
    String code = join(args, first, args.size());
    if (code == null) {
      add(Tier.DANGER, display, "runs a command known only at run time");
    } else {
      w.reparse(code, display);
    }
  }

  /** The static arguments joined by spaces (as {@code sh -c} would see them), or null. */
  static String join(List<Arg> args, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      Arg a = args.get(i);
      if (a.text() == null) {
        return null;
      }
      if (i > from) {
        sb.append(' ');
      }
      sb.append(a.text());
    }
    return sb.toString();
  }

  private void xargs(List<Arg> args, int from, Stdin in, String display) {
    add(Tier.READ, display, "runs a command on its input");
    String replace = null;
    int i = from;
    for (; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null || a.glob()) {
        add(Tier.DANGER, display, "an argument known only at run time");
        return;
      }
      if (!t.startsWith("-") || t.equals("-")) {
        break;
      }
      if (t.equals("--")) {
        i++;
        break;
      }
      String name = t.startsWith("--") && t.indexOf('=') > 0 ? t.substring(0, t.indexOf('=')) : t;
      switch (name) {
        case "-0",
            "--null",
            "-r",
            "--no-run-if-empty",
            "-t",
            "--verbose",
            "-x",
            "--exit",
            "-p",
            "--interactive",
            "-o",
            "--open-tty",
            "--show-limits" -> {}
        case "-n",
            "-L",
            "-s",
            "-P",
            "-d",
            "-E",
            "--max-args",
            "--max-lines",
            "--max-chars",
            "--max-procs",
            "--delimiter",
            "--eof" -> {
          if (t.indexOf('=') < 0 && t.length() <= 2 || (t.startsWith("--") && t.indexOf('=') < 0)) {
            i++;
          }
        }
        case "-a", "--arg-file" -> {
          Arg file =
              t.indexOf('=') > 0
                  ? Arg.literal(t.substring(t.indexOf('=') + 1), a.word())
                  : i + 1 < args.size() ? args.get(++i) : null;
          if (file != null) {
            inv.path(file, PathUse.READ, display, false);
          }
        }
        case "-I", "--replace" -> {
          replace =
              t.indexOf('=') > 0
                  ? t.substring(t.indexOf('=') + 1)
                  : i + 1 < args.size() && args.get(i + 1).known() ? args.get(++i).text() : "{}";
        }
        case "-i" -> replace = "{}";
        default -> {
          if (t.startsWith("-I") && t.length() > 2) {
            replace = t.substring(2);
          } else if ((t.startsWith("-n")
                  || t.startsWith("-P")
                  || t.startsWith("-L")
                  || t.startsWith("-s")
                  || t.startsWith("-d")
                  || t.startsWith("-E"))
              && t.length() > 2) {
            // value attached
          } else if (t.startsWith("--process-slot-var")) {
            add(Tier.DANGER, display, "sets an environment variable for the command");
          } else {
            add(Tier.WRITE, display, "flag " + t + " is not one we know to be safe");
          }
        }
      }
    }
    Arg item = inputItem(in);
    List<Arg> inner = new ArrayList<>(args.size() - i + 1);
    if (i >= args.size()) {
      inner.add(Arg.literal("echo", null));
    }
    for (int k = i; k < args.size(); k++) {
      Arg a = args.get(k);
      if (replace != null && a.text() != null && a.text().contains(replace)) {
        inner.add(k == i ? Arg.dynamic(true, a.word()) : item);
      } else {
        inner.add(a);
      }
    }
    if (replace == null) {
      inner.add(item);
    }
    inv.dispatch(inner, 0, Stdin.INHERITED, List.of());
  }

  /**
   * What xargs appends: paths inside the workspace when the input is a file lister run on the
   * workspace ({@code find .}, {@code git ls-files}, {@code grep -rl}), else unknown.
   */
  private Arg inputItem(Stdin in) {
    if (in.kind() == Stdin.Kind.PIPE
        && !in.upstream().isEmpty()
        && in.upstream().get(in.upstream().size() - 1) instanceof SimpleCommand sc
        && listsWorkspacePaths(sc)) {
      return new Arg("./" + PathRef.ANY_BELOW, true, false, null);
    }
    return Arg.dynamic(true, null);
  }

  private boolean listsWorkspacePaths(SimpleCommand sc) {
    List<String> words = new ArrayList<>();
    for (Word word : sc.words()) {
      String t = Words.text(word);
      if (t == null) {
        return false;
      }
      words.add(t);
    }
    if (words.isEmpty() || !sc.assignments().isEmpty()) {
      return false;
    }
    String name = words.get(0);
    boolean lister =
        switch (name) {
          case "find", "fd", "fdfind" -> true;
          case "git" ->
              words.contains("ls-files")
                  || words.contains("--name-only")
                  || (words.contains("grep")
                      && (words.contains("-l") || words.contains("--name-only")));
          case "grep", "rg", "egrep" ->
              words.contains("-l")
                  || words.contains("--files-with-matches")
                  || words.contains("--files")
                  || words.stream().anyMatch(x -> x.matches("-[a-zA-Z]*l[a-zA-Z]*"));
          default -> false;
        };
    if (!lister) {
      return false;
    }
    for (int i = 1; i < words.size(); i++) {
      String t = words.get(i);
      if (t.startsWith("/")
          || t.startsWith("~")
          || t.startsWith("..")
          || t.contains("/..")
          || t.contains("-exec")
          || t.contains("-delete")
          || t.startsWith("-fprint")) {
        return false;
      }
    }
    return true;
  }

  private void parallel(List<Arg> args, int from, String display) {
    int sep = args.size();
    for (int i = from; i < args.size(); i++) {
      if (args.get(i).is(":::") || args.get(i).is("::::") || args.get(i).is(":::+")) {
        sep = i;
        break;
      }
    }
    int start = from;
    while (start < sep && args.get(start).known() && args.get(start).text().startsWith("-")) {
      start++;
    }
    String code = join(args, start, sep);
    if (code == null || code.isBlank()) {
      add(Tier.DANGER, display, "runs commands it reads from its input or from run-time values");
      return;
    }
    add(Tier.READ, display, "runs a command for each input");
    String item = "\"$PARALLEL_ITEM\"";
    w.reparse(code.contains("{}") ? code.replace("{}", item) : code + " " + item, display);
  }

  // ---------------------------------------------------------------- code as strings

  private void eval(List<Arg> args, int from, String display) {
    String code = join(args, from, args.size());
    if (code == null) {
      add(Tier.DANGER, display, "evaluates a string known only at run time");
      return;
    }
    add(Tier.READ, display, "evaluates a fixed string");
    w.reparse(code, display);
  }

  private void trap(List<Arg> args, int from, String display) {
    int i = from;
    while (i < args.size()
        && args.get(i).known()
        && args.get(i).text().startsWith("-")
        && !args.get(i).is("-")) {
      i++;
    }
    add(Tier.READ, display, "sets a signal handler");
    if (i >= args.size() || i + 1 >= args.size()) {
      return; // `trap`, `trap -p`, or `trap SIG` (reset)
    }
    Arg action = args.get(i);
    if (action.dynamic() || action.glob()) {
      add(Tier.DANGER, display, "the trap runs a string known only at run time");
    } else if (!action.text().isEmpty() && !action.is("-")) {
      w.reparse(action.text(), display);
    }
  }

  private void source(List<Arg> args, int from, Stdin in, String display) {
    int i = from;
    if (i < args.size() && args.get(i).is("--")) {
      i++;
    }
    if (i >= args.size()) {
      add(Tier.DANGER, display, "no file to run");
      return;
    }
    script(args.get(i), in, display);
  }

  /** Judges running a script file (an interpreter's or shell's first operand). */
  private void script(Arg file, Stdin in, String display) {
    if (file.word() != null && hasProcessSubstitution(file.word())) {
      add(
          Tier.DANGER,
          display,
          "runs code produced by another command"
              + (downloads(file.word()) ? " that downloads it" : ""));
      return;
    }
    if (file.dynamic()) {
      add(Tier.DANGER, display, "runs a script named only at run time");
      return;
    }
    if (file.is("/dev/stdin")
        || file.is("-")
        || file.is("/proc/self/fd/0")
        || file.is("/dev/fd/0")) {
      stdinCode(in, display, false);
      return;
    }
    if (w.downloaded.contains(file.text())) {
      add(Tier.DANGER, display, "runs " + file.text() + ", downloaded in the same command");
    }
    add(Tier.WRITE, display, "runs the script " + file.text());
    inv.path(file, PathUse.READ, display, false);
  }

  private static boolean hasProcessSubstitution(Word w) {
    for (WordPart p : w.parts()) {
      if (p instanceof ProcessSubstitution) {
        return true;
      }
    }
    return false;
  }

  private boolean downloads(Word w) {
    for (WordPart p : w.parts()) {
      if (p instanceof ProcessSubstitution ps && downloads(ps.script().statements())) {
        return true;
      }
    }
    return false;
  }

  private boolean downloads(List<Statement> list) {
    for (Statement s : list) {
      if (downloads(s.command())) {
        return true;
      }
    }
    return false;
  }

  /** True when a command (or anything in a pipeline or group) fetches from the network. */
  boolean downloads(Command c) {
    return switch (c) {
      case SimpleCommand sc -> {
        for (Word word : sc.words()) {
          String t = Words.text(word);
          if (t == null) {
            yield true;
          }
          String base = t.substring(t.lastIndexOf('/') + 1);
          if (w.knowledge.isDownloader(base)) {
            yield true;
          }
          if (!isWrapper(base) && !t.startsWith("-")) {
            yield false;
          }
        }
        yield false;
      }
      case Pipeline p -> p.commands().stream().anyMatch(this::downloads);
      case AndOr a -> downloads(a.left()) || downloads(a.right());
      case Negation n -> downloads(n.command());
      case Subshell s -> downloads(s.body());
      case BraceGroup g -> downloads(g.body());
      default -> true; // anything else: assume the worst for the reason text
    };
  }

  private static boolean isWrapper(String name) {
    return switch (name) {
      case "sudo", "env", "command", "exec", "nice", "nohup", "timeout", "time", "stdbuf" -> true;
      default -> false;
    };
  }

  /** Code read from standard input (a shell or interpreter without a script). */
  private void stdinCode(Stdin in, String display, boolean shell) {
    switch (in.kind()) {
      case PIPE -> {
        boolean dl = false;
        for (Command c : in.upstream()) {
          dl |= downloads(c);
        }
        add(
            Tier.DANGER,
            display,
            dl
                ? "runs code downloaded from the network (piped into it)"
                : "runs code read from a pipe");
      }
      case HEREDOC, HERE_STRING -> {
        Word body = in.body();
        String text = Words.text(body);
        if (text == null) {
          add(Tier.DANGER, display, "runs code assembled at run time (a heredoc with expansions)");
        } else if (shell) {
          w.reparse(text, display);
        } else {
          add(Tier.WRITE, display, "runs code given inline");
        }
      }
      case FILE -> {
        if (hasProcessSubstitution(in.body())) {
          add(
              Tier.DANGER,
              display,
              "runs code produced by another command"
                  + (downloads(in.body()) ? " that downloads it" : ""));
          return;
        }
        Arg file = w.arg(in.body());
        if (file.known() && w.downloaded.contains(file.text())) {
          add(Tier.DANGER, display, "runs " + file.text() + ", downloaded in the same command");
        }
        add(Tier.WRITE, display, "runs code from the file " + file);
      }
      case INHERITED -> add(Tier.WRITE, display, "starts an interactive interpreter");
    }
  }

  // ---------------------------------------------------------------- shells and interpreters

  private static final Set<String> POSIX_SHELLS =
      Set.of("sh", "bash", "dash", "ksh", "mksh", "ash", "busybox", "zsh");

  private void shell(List<Arg> args, int from, Stdin in, String display) {
    if (display.equals("busybox")) {
      add(Tier.READ, display, "runs one of its applets");
      inv.dispatch(args, from, in, List.of());
      return;
    }
    boolean command = false;
    boolean stdin = false;
    boolean noExec = false;
    int i = from;
    for (; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null || a.glob()) {
        break;
      }
      if (t.equals("--") || t.equals("-")) {
        i++;
        break;
      }
      if (t.startsWith("--")) {
        switch (t) {
          case "--login",
              "--noprofile",
              "--norc",
              "--posix",
              "--restricted",
              "--verbose",
              "--noediting",
              "--debugger",
              "--pretty-print" -> {}
          case "--rcfile", "--init-file" -> {
            add(Tier.WRITE, display, "runs a start-up file");
            if (i + 1 < args.size()) {
              inv.path(args.get(++i), PathUse.READ, display, false);
            }
          }
          default -> add(Tier.WRITE, display, "flag " + t + " is not one we know to be safe");
        }
        continue;
      }
      if (!(t.startsWith("-") || t.startsWith("+")) || t.length() < 2) {
        break;
      }
      for (int k = 1; k < t.length(); k++) {
        char c = t.charAt(k);
        switch (c) {
          case 'c' -> command = true;
          case 's' -> stdin = true;
          case 'n' -> noExec = true;
          case 'o', 'O' -> i++; // option name follows
          case 'e',
              'u',
              'x',
              'v',
              'l',
              'i',
              'r',
              'f',
              'h',
              'a',
              'b',
              'm',
              'p',
              't',
              'k',
              'B',
              'C',
              'E',
              'H',
              'P',
              'T' -> {}
          default -> add(Tier.WRITE, display, "flag -" + c + " is not one we know to be safe");
        }
      }
    }
    if (noExec) {
      add(Tier.READ, display, "checks syntax without running");
      return;
    }
    if (command) {
      if (i >= args.size()) {
        add(Tier.DANGER, display, "-c without a command");
        return;
      }
      Arg code = args.get(i);
      if (code.dynamic() || code.glob()) {
        add(Tier.DANGER, display, "runs a command string known only at run time");
      } else if (!POSIX_SHELLS.contains(display)) {
        add(Tier.DANGER, display, "runs a command string in a shell language we do not parse");
      } else {
        add(Tier.READ, display, "runs a command string");
        w.reparse(code.text(), display + " -c");
      }
      return;
    }
    if (i < args.size() && !stdin) {
      script(args.get(i), in, display);
      return;
    }
    if (!POSIX_SHELLS.contains(display) && in.kind() != Stdin.Kind.INHERITED) {
      add(Tier.DANGER, display, "runs code in a shell language we do not parse");
      return;
    }
    stdinCode(in, display, true);
  }

  /** Code flags per interpreter: the flag whose value is a program, and flags taking a value. */
  private record Interp(Set<String> code, Set<String> module, Set<String> valued) {}

  private static final Interp PYTHON =
      new Interp(Set.of("-c"), Set.of("-m"), Set.of("-W", "-X", "-Q"));
  private static final Interp NODE =
      new Interp(
          Set.of("-e", "--eval", "-p", "--print"),
          Set.of(),
          Set.of(
              "-r",
              "--require",
              "--import",
              "--loader",
              "--experimental-loader",
              "-C",
              "--conditions",
              "--input-type",
              "--env-file",
              "--title",
              "--inspect-port"));
  private static final Interp PERL =
      new Interp(Set.of("-e", "-E"), Set.of(), Set.of("-I", "-M", "-m", "-x", "-C"));
  private static final Interp RUBY =
      new Interp(Set.of("-e"), Set.of(), Set.of("-I", "-r", "-C", "-E"));
  private static final Interp PHP = new Interp(Set.of("-r"), Set.of(), Set.of("-d", "-c", "-z"));
  private static final Interp OTHER = new Interp(Set.of("-e", "--eval"), Set.of(), Set.of("-l"));

  private static Interp interp(String name) {
    if (name.startsWith("python") || name.startsWith("pypy") || name.equals("ipython")) {
      return PYTHON;
    }
    return switch (name) {
      case "node", "nodejs", "bun" -> NODE;
      case "perl" -> PERL;
      case "ruby", "irb" -> RUBY;
      case "php" -> PHP;
      default -> OTHER;
    };
  }

  private void interpreter(List<Arg> args, int from, Stdin in, String display) {
    Interp ip = interp(display);
    for (int i = from; i < args.size(); i++) {
      Arg a = args.get(i);
      String t = a.text();
      if (t == null || a.glob()) {
        script(a, in, display);
        return;
      }
      if (t.equals("-")) {
        stdinCode(in, display, false);
        return;
      }
      if (t.equals("--")) {
        if (i + 1 < args.size()) {
          script(args.get(i + 1), in, display);
        } else {
          stdinCode(in, display, false);
        }
        return;
      }
      if (!t.startsWith("-")) {
        script(a, in, display);
        return;
      }
      String name = t.indexOf('=') > 0 ? t.substring(0, t.indexOf('=')) : t;
      if (ip.code.contains(name) || (!t.startsWith("--") && codeInCluster(t, ip))) {
        Arg code =
            t.indexOf('=') > 0
                ? Arg.literal(t.substring(t.indexOf('=') + 1), a.word())
                : codeAttached(t, ip) != null
                    ? Arg.literal(codeAttached(t, ip), a.word())
                    : i + 1 < args.size() ? args.get(i + 1) : null;
        if (code == null || code.dynamic()) {
          add(Tier.DANGER, display, "runs code known only at run time");
        } else {
          add(Tier.WRITE, display, "runs code given inline");
          inv.mention(code, display);
        }
        for (int k = i + 2; k < args.size(); k++) {
          inv.mention(args.get(k), display);
        }
        return;
      }
      if (ip.module.contains(name) || (t.startsWith("-m") && ip == PYTHON)) {
        Arg module =
            t.length() > 2 && !t.startsWith("--")
                ? Arg.literal(t.substring(2), a.word())
                : i + 1 < args.size() ? args.get(i + 1) : null;
        add(
            module == null || module.dynamic() ? Tier.DANGER : Tier.WRITE,
            display,
            "runs the module " + module);
        return;
      }
      if (ip.valued.contains(name) && t.indexOf('=') < 0) {
        i++;
        if (i < args.size()) {
          inv.mention(args.get(i), display);
        }
      } else {
        inv.mention(a, display);
      }
      if (t.startsWith("--version")
          || t.equals("-V")
          || t.equals("--help")
          || t.equals("-h")
          || t.equals("-v") && ip != PERL) {
        add(Tier.READ, display, "prints its version or help");
        return;
      }
    }
    stdinCode(in, display, false);
  }

  private static boolean codeInCluster(String t, Interp ip) {
    return codeAttached(t, ip) != null
        || (t.length() > 2 && ip.code.contains("-" + t.charAt(t.length() - 1)));
  }

  /** For {@code -ne'print'}: the code attached after the code flag inside a cluster. */
  private static String codeAttached(String t, Interp ip) {
    for (int k = 1; k < t.length(); k++) {
      if (ip.code.contains("-" + t.charAt(k))) {
        return k + 1 < t.length() ? t.substring(k + 1) : null;
      }
    }
    return null;
  }
}
