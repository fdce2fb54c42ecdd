package dev.nome.core.risk;

import dev.nome.core.Tier;
import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileVerdict;
import dev.nome.core.shell.ArrayElement;
import dev.nome.core.shell.Assignment;
import dev.nome.core.shell.DeclarationCommand;
import dev.nome.core.shell.DeclarationOperand;
import dev.nome.core.shell.SimpleCommand;
import dev.nome.core.shell.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one command invocation against the knowledge: resolves its name (through paths and
 * wrappers), reads its flags, and checks the paths it reads and writes.
 */
final class Invocations {
  private static final String[] SYSTEM_DIRS = {
    "/usr/bin/", "/bin/", "/usr/local/bin/", "/usr/sbin/", "/sbin/", "/usr/local/sbin/"
  };

  final Walk w;
  private ToolChecks tools;

  Invocations(Walk w) {
    this.w = w;
  }

  private ToolChecks tools() {
    if (tools == null) {
      tools = new ToolChecks(this);
    }
    return tools;
  }

  void add(Tier t, String command, String rule) {
    w.findings.add(t, command, rule);
  }

  // ---------------------------------------------------------------- entry points

  void simple(SimpleCommand sc, Stdin in) {
    List<Assignment> assigns = sc.assignments();
    for (int i = 0; i < assigns.size(); i++) {
      assignmentWords(assigns.get(i));
    }
    List<Word> words = sc.words();
    for (int i = 0; i < words.size(); i++) {
      w.word(words.get(i));
    }
    Stdin stdin = in;
    if (!sc.redirects().isEmpty()) {
      String display = words.isEmpty() ? "redirection" : display(words.get(0));
      stdin = w.redirects(sc.redirects(), display, in);
    }
    if (words.isEmpty()) {
      for (int i = 0; i < assigns.size(); i++) {
        standalone(assigns.get(i));
      }
      return;
    }
    List<Arg> args = new ArrayList<>(words.size() + 2);
    for (int i = 0; i < words.size(); i++) {
      Words.fields(words.get(i), w.bindings, args);
    }
    if (isLet(args)) {
      for (int i = 1; i < words.size(); i++) {
        w.arithmetic(words.get(i), "let");
      }
      add(Tier.READ, "let", "arithmetic on known numbers");
      return;
    }
    dispatch(args, 0, stdin, assigns);
    Arg name = args.get(0);
    if (!sc.redirects().isEmpty() && name.known() && w.knowledge.isDownloader(name.text())) {
      for (var r : sc.redirects()) {
        String t = r.operator().writes() ? Words.text(r.target()) : null;
        if (t != null) {
          w.downloaded.add(t);
        }
      }
    }
  }

  private static boolean isLet(List<Arg> args) {
    return args.get(0).is("let");
  }

  private static String display(Word w) {
    String t = Words.text(w);
    return t == null ? "<dynamic command>" : t;
  }

  private void assignmentWords(Assignment a) {
    if (a.index() != null) {
      w.arithmetic(a.index(), "array subscript");
    }
    if (a.value() != null) {
      w.word(a.value());
    }
    if (a.elements() != null) {
      for (ArrayElement el : a.elements()) {
        if (el.index() != null) {
          w.arithmetic(el.index(), "array subscript");
        }
        w.word(el.value());
      }
    }
  }

  /** {@code NAME=value} alone: only variables that change how the shell runs things matter. */
  void standalone(Assignment a) {
    integerAssignment(a);
    String value = a.value() == null ? null : Words.text(a.value());
    Tier t = w.knowledge.env.lookup(a.name(), value);
    if (t == Tier.DANGER) {
      add(Tier.DANGER, a.name(), "setting " + a.name() + " changes what later commands run");
    } else if (a.name().startsWith("BASH_FUNC_")) {
      add(Tier.DANGER, a.name(), "defines an exported function");
    } else {
      add(Tier.READ, a.name(), "sets a shell variable");
    }
    credentialMention(a.value(), a.name());
  }

  /** Assigning to a variable declared integer evaluates the value as arithmetic. */
  private void integerAssignment(Assignment a) {
    if (a.value() != null && w.bindings.isInteger(a.name())) {
      w.arithmetic(a.value(), a.name() + "= (integer variable)");
    }
  }

  private void credentialMention(Word value, String display) {
    if (value != null) {
      mention(w.arg(value), display);
    }
  }

  void declaration(DeclarationCommand dc) {
    for (Assignment a : dc.assignments()) {
      assignmentWords(a);
    }
    String name = dc.builtin();
    boolean integer = false;
    boolean exported = name.equals("export");
    for (DeclarationOperand op : dc.operands()) {
      switch (op) {
        case Word word -> {
          w.word(word);
          String t = Words.text(word);
          if (t == null) {
            add(Tier.DANGER, name, "declares a name known only at run time");
          } else if (t.startsWith("-") || t.startsWith("+")) {
            integer |= t.indexOf('i') > 0;
            exported |= t.indexOf('x') > 0 && t.startsWith("-");
            if (t.indexOf('n') > 0) {
              add(Tier.DANGER, name, "a name reference can assign any variable");
            }
          } else if (t.indexOf('[') >= 0) {
            add(Tier.DANGER, name, "declares an array element whose subscript bash evaluates");
          }
        }
        case Assignment a -> {
          assignmentWords(a);
          if (integer && a.value() != null) {
            w.arithmetic(a.value(), name + " -i");
          }
          Tier t =
              w.knowledge.env.lookup(a.name(), a.value() == null ? null : Words.text(a.value()));
          if (t == Tier.DANGER || a.name().startsWith("BASH_FUNC_")) {
            add(Tier.DANGER, name + " " + a.name(), "changes what later commands run");
          } else if (exported && t == null) {
            add(Tier.READ, name, "exports " + a.name());
          }
          credentialMention(a.value(), name);
        }
      }
    }
    w.redirects(dc.redirects(), name, Stdin.INHERITED);
    add(Tier.READ, name, "sets shell variables");
  }

  // ---------------------------------------------------------------- dispatch

  /** Judges the command whose name is {@code args[at]}. */
  void dispatch(List<Arg> args, int at, Stdin in, List<Assignment> assigns) {
    if (at >= args.size()) {
      envAssignments(assigns, null, "env");
      return;
    }
    Arg name = args.get(at);
    if (name.dynamic()) {
      envAssignments(assigns, null, "<dynamic command>");
      add(Tier.DANGER, "<dynamic command>", "the command name is only known at run time");
      return;
    }
    String cmd = name.text();
    if (name.glob()) {
      add(Tier.DANGER, cmd, "the command name is a pattern");
      return;
    }
    if (cmd.isEmpty()) {
      add(Tier.DANGER, "''", "empty command name");
      return;
    }
    if (cmd.indexOf('/') >= 0) {
      String base = systemTool(cmd);
      if (base == null) {
        envAssignments(assigns, null, cmd);
        add(Tier.WRITE, cmd, "runs a program named by its path, not a known system tool");
        mention(name, cmd);
        for (int i = at + 1; i < args.size(); i++) {
          mention(args.get(i), cmd);
        }
        return;
      }
      cmd = base;
    }
    CommandSpec spec = w.knowledge.command(cmd);
    envAssignments(assigns, spec, cmd);
    if (spec == null) {
      if (w.functions.contains(cmd)) {
        add(Tier.READ, cmd, "calls a function defined in the command (judged where defined)");
        return;
      }
      add(Tier.WRITE, cmd, "unknown command");
      for (int i = at + 1; i < args.size(); i++) {
        mention(args.get(i), cmd);
      }
      return;
    }
    analyze(spec, args, at + 1, in, cmd);
  }

  /** {@code /usr/bin/grep} is grep; {@code ./grep} or {@code /tmp/grep} is not. */
  private static String systemTool(String path) {
    for (String dir : SYSTEM_DIRS) {
      if (path.startsWith(dir)
          && path.indexOf('/', dir.length()) < 0
          && path.length() > dir.length()) {
        return path.substring(dir.length());
      }
    }
    return null;
  }

  private void envAssignments(List<Assignment> assigns, CommandSpec spec, String display) {
    for (int i = 0; i < assigns.size(); i++) {
      Assignment a = assigns.get(i);
      integerAssignment(a);
      String value = a.value() == null ? null : Words.text(a.value());
      environment(a.name(), value, spec, display);
      credentialMention(a.value(), display);
    }
  }

  /** Judges setting {@code name=value} in the environment of a command. */
  void environment(String name, String value, CommandSpec spec, String display) {
    Tier t = spec == null ? null : spec.env.lookup(name, value);
    if (t == null) {
      t = w.knowledge.env.lookup(name, value);
    }
    if (name.startsWith("BASH_FUNC_")) {
      t = Tier.DANGER;
    }
    if (t == null) {
      add(Tier.WRITE, display, "sets " + name + ", a variable we know nothing about");
    } else if (t != Tier.READ) {
      add(
          t,
          display,
          "sets " + name + (t == Tier.DANGER ? ", which can make it run other code" : ""));
    }
  }

  /** Judges a known command: base tier, flags, operands, then its tool-specific check. */
  void analyze(CommandSpec spec, List<Arg> args, int from, Stdin in, String display) {
    String shown = spec.name.indexOf(' ') > 0 ? spec.name : display;
    if (spec.check != null && ToolChecks.replaces(spec.check)) {
      tools().run(spec.check, spec, args, from, in, shown);
      return;
    }
    if (spec.tier == Tier.WRITE
        && spec.args == ArgsKind.NONE
        && args.size() == from + 1
        && (args.get(from).is("--version")
            || args.get(from).is("-version")
            || args.get(from).is("--help"))) {
      add(Tier.READ, shown, "prints its version or help");
      return;
    }
    if (spec.args != ArgsKind.SUB && spec.args != ArgsKind.SUB_OR_PATHS) {
      base(spec, shown);
    }
    boolean stop =
        spec.args == ArgsKind.SUB
            || spec.args == ArgsKind.COMMAND
            || spec.args == ArgsKind.SCRIPT
            || spec.args == ArgsKind.SUB_OR_PATHS;
    Scan s = scan(spec, args, from, shown, stop);
    operands(spec, s, args, in, shown);
    if (spec.check != null) {
      tools().after(spec.check, spec, s, args, in, shown);
    }
  }

  void base(CommandSpec spec, String display) {
    String rule =
        spec.why != null
            ? spec.why
            : switch (spec.tier) {
              case READ -> "reads only";
              case WRITE -> "changes files or runs workspace code";
              case DANGER -> "can do harm beyond the workspace";
            };
    add(spec.tier, display, rule);
  }

  // ---------------------------------------------------------------- flags

  /**
   * Reads flags from {@code args[from..]}. With {@code stopAtOperand}, stops at the first operand
   * (a subcommand or a wrapped command); otherwise flags may follow operands, as GNU tools allow.
   */
  Scan scan(CommandSpec spec, List<Arg> args, int from, String display, boolean stopAtOperand) {
    Scan s = new Scan();
    boolean endOfOptions = false;
    int n = args.size();
    for (int i = from; i < n; i++) {
      Arg a = args.get(i);
      if (endOfOptions) {
        s.operands.add(i);
        continue;
      }
      if (a.text() == null || a.glob()) {
        Tier worst =
            !a.mayBeFlag() ? Tier.READ : a.glob() ? spec.worstFlagFor(a.text()) : spec.worstFlag();
        if (worst.compareTo(spec.tier) > 0) {
          add(
              worst,
              display,
              "an argument known only at run time could be one of its flags that "
                  + (worst == Tier.DANGER ? "run programs or do harm" : "write"));
        }
        s.operands.add(i);
        if (stopAtOperand) {
          addRest(s, i + 1, n);
          return s;
        }
        continue;
      }
      String t = a.text();
      if (t.length() < 2 || t.charAt(0) != '-') {
        s.operands.add(i);
        if (stopAtOperand) {
          addRest(s, i + 1, n);
          return s;
        }
        continue;
      }
      if (t.equals("--")) {
        endOfOptions = true;
        s.endOfOptions = s.operands.size();
        if (stopAtOperand) {
          addRest(s, i + 1, n);
          return s;
        }
        continue;
      }
      i =
          t.charAt(1) == '-'
              ? longFlag(spec, args, i, t, display, s)
              : shortFlags(spec, args, i, t, display, s);
    }
    return s;
  }

  private static void addRest(Scan s, int from, int n) {
    for (int k = from; k < n; k++) {
      s.operands.add(k);
    }
  }

  private int longFlag(CommandSpec spec, List<Arg> args, int i, String t, String display, Scan s) {
    int eq = t.indexOf('=');
    String name = eq < 0 ? t : t.substring(0, eq);
    Flag f = spec.flag(name);
    if (f == null && spec.abbreviations && name.length() > 2) {
      Flag[] candidates = spec.byPrefix(name);
      for (Flag c : candidates) {
        if (f == null || c.effect().tier.compareTo(f.effect().tier) > 0) {
          f = c;
        }
      }
    }
    if (f == null) {
      unknownFlag(spec, name, display);
      return i;
    }
    Arg value = null;
    if (eq >= 0) {
      value = Arg.literal(t.substring(eq + 1), args.get(i).word());
    } else if (f.value() == Flag.Value.REQUIRED && i + 1 < args.size()) {
      value = args.get(++i);
    }
    use(spec, f, value, display, s);
    return i;
  }

  private int shortFlags(
      CommandSpec spec, List<Arg> args, int i, String t, String display, Scan s) {
    int eq = t.indexOf('=');
    Flag whole = spec.flag(eq < 0 ? t : t.substring(0, eq));
    if (whole != null && t.length() > 2 && (eq < 0 || whole.value() != Flag.Value.NONE)) {
      Arg value = null;
      if (eq >= 0) {
        value = Arg.literal(t.substring(eq + 1), args.get(i).word());
      } else if (whole.value() == Flag.Value.REQUIRED && i + 1 < args.size()) {
        value = args.get(++i);
      }
      use(spec, whole, value, display, s);
      return i;
    }
    if (spec.numericFlags && Bindings.isNumber(t.substring(1))) {
      return i;
    }
    for (int k = 1; k < t.length(); k++) {
      String name = "-" + t.charAt(k);
      Flag f = spec.flag(name);
      if (f == null) {
        unknownFlag(spec, name, display);
        continue;
      }
      if (f.value() != Flag.Value.NONE) {
        Arg value = null;
        if (k + 1 < t.length()) {
          String rest = t.substring(k + 1);
          value = Arg.literal(rest.startsWith("=") ? rest.substring(1) : rest, args.get(i).word());
        } else if (f.value() == Flag.Value.REQUIRED && i + 1 < args.size()) {
          value = args.get(++i);
        }
        use(spec, f, value, display, s);
        return i;
      }
      use(spec, f, null, display, s);
    }
    return i;
  }

  private void unknownFlag(CommandSpec spec, String name, String display) {
    if (spec.unknownFlag.compareTo(Tier.READ) > 0) {
      add(spec.unknownFlag, display, "flag " + name + " is not one we know to be safe");
    }
  }

  private void use(CommandSpec spec, Flag f, Arg value, String display, Scan s) {
    s.flags.add(f.name());
    s.values.add(value);
    switch (f.effect()) {
      case READ -> {}
      case WRITE -> add(Tier.WRITE, display, "flag " + f.name() + " writes files");
      case DANGER ->
          add(Tier.DANGER, display, "flag " + f.name() + " can do harm beyond the workspace");
      case EXEC -> add(Tier.DANGER, display, "flag " + f.name() + " runs another program");
    }
    if (!spec.patternFlags.isEmpty() && spec.patternFlags.contains(f.name())) {
      s.patternGiven = true;
    }
    if (!spec.recursiveFlags.isEmpty() && spec.recursiveFlags.contains(f.name())) {
      s.recursive = true;
    }
    if (value != null) {
      if (f.path() != PathUse.NONE) {
        path(value, f.path(), display, false);
      } else {
        mention(value, display);
      }
    }
  }

  // ---------------------------------------------------------------- operands

  private void operands(CommandSpec spec, Scan s, List<Arg> args, Stdin in, String display) {
    List<Integer> ops = s.operands;
    int n = ops.size();
    boolean recursive = s.recursive || spec.recursiveAlways;
    switch (spec.args) {
      case NONE, REVS_AND_PATHS -> {
        for (int i = 0; i < n; i++) {
          mention(args.get(ops.get(i)), display);
        }
      }
      case PATHS_READ -> paths(args, ops, 0, n, PathUse.READ, display, recursive);
      case PATHS_LIST -> {
        for (int i = 0; i < n; i++) {
          Arg a = args.get(ops.get(i));
          if (w.gate != null && a.text() != null) {
            askGate(a.glob() ? globBase(a.text()) : a.text(), PathUse.READ, display);
          }
        }
      }
      case PATHS_WRITE -> paths(args, ops, 0, n, PathUse.WRITE, display, recursive);
      case PATTERN_PATHS_READ -> {
        int first = s.patternGiven ? 0 : 1;
        if (!s.patternGiven && n > 0) {
          mention(args.get(ops.get(0)), display);
        }
        paths(args, ops, first, n, PathUse.READ, display, recursive);
      }
      case PATHS_READ_LAST_WRITE -> {
        if (s.has("-t", "--target-directory") || n < 2) {
          paths(args, ops, 0, n, PathUse.READ, display, recursive);
        } else {
          paths(args, ops, 0, n - 1, PathUse.READ, display, recursive);
          paths(args, ops, n - 1, n, PathUse.WRITE, display, false);
        }
      }
      case PATHS_READ_FIRST_WRITE -> {
        paths(args, ops, 0, Math.min(1, n), PathUse.WRITE, display, false);
        paths(args, ops, 1, n, PathUse.READ, display, recursive);
      }
      case MODE_PATHS_WRITE -> paths(args, ops, 1, n, PathUse.WRITE, display, recursive);
      case COMMAND -> {
        int start = Math.min(spec.skip, n);
        for (int i = 0; i < start; i++) {
          mention(args.get(ops.get(i)), display);
        }
        if (start < n) {
          dispatch(args, ops.get(start), in, List.of());
        }
      }
      case SUB, SUB_OR_PATHS -> {
        if (n == 0) {
          if (s.has("--version", "-v", "-V", "--help", "-h")) {
            add(Tier.READ, display, "prints its version or help");
          } else {
            base(spec, display);
          }
          return;
        }
        Arg sub = args.get(ops.get(0));
        if (spec.args == ArgsKind.SUB_OR_PATHS && (sub.dynamic() || sub.glob())) {
          base(spec, display);
          paths(args, ops, 0, n, PathUse.READ, display, false);
          return;
        } else if (sub.dynamic() || sub.glob()) {
          add(Tier.DANGER, display, "the subcommand is only known at run time");
          return;
        }
        CommandSpec subSpec = spec.subs.get(sub.text());
        if (subSpec != null) {
          analyze(subSpec, args, ops.get(0) + 1, in, subSpec.name);
        } else if (spec.args == ArgsKind.SUB_OR_PATHS) {
          base(spec, display);
          paths(args, ops, 0, n, PathUse.READ, display, false);
        } else {
          base(spec, display);
          add(spec.unknownSub, display + " " + sub.text(), "subcommand we know nothing about");
          for (int i = 1; i < n; i++) {
            mention(args.get(ops.get(i)), display);
          }
        }
      }
      case SCRIPT -> {
        if (n > 0) {
          Arg script = args.get(ops.get(0));
          add(Tier.WRITE, display, "runs the script " + script);
          path(script, PathUse.READ, display, false);
        }
      }
    }
  }

  private void paths(
      List<Arg> args,
      List<Integer> ops,
      int from,
      int to,
      PathUse use,
      String display,
      boolean recursive) {
    for (int i = from; i < to; i++) {
      path(args.get(ops.get(i)), use, display, recursive);
    }
  }

  // ---------------------------------------------------------------- paths

  /** Judges one path a command reads or writes; asks the file gateway when there is one. */
  void path(Arg a, PathUse use, String display, boolean recursive) {
    if (a.dynamic()) {
      // Neither the credential rules nor the file gateway can judge a path nobody knows yet, and
      // an agent's shell may keep variables between calls: fail closed for reads as for writes.
      add(
          Tier.DANGER,
          display,
          (use == PathUse.WRITE ? "writes to" : "reads") + " a path known only at run time");
      return;
    }
    String text = a.text();
    if (text.isEmpty() || text.equals("-")) {
      return;
    }
    PathRef ref = PathRef.of(a.glob() ? text : literally(text), w.cwd, w.workspace);
    PathRules rules = w.knowledge.paths;
    PathRef judged = recursive && use == PathUse.READ ? ref.andBelow() : ref;
    PathRules.Rule cred = rules.credential(judged);
    if (cred != null) {
      add(
          Tier.DANGER,
          display,
          (use == PathUse.WRITE ? "writes " : "reads ")
              + "credential file "
              + text
              + " ("
              + cred.text()
              + ")");
    }
    if (rules.isDevice(ref)) {
      return;
    }
    if (rules.isOtherDevice(ref)) {
      add(Tier.DANGER, display, "uses the device " + text);
    }
    if (use == PathUse.WRITE) {
      PathRules.Rule prot = rules.protectedRule(ref);
      if (prot != null) {
        add(Tier.DANGER, display, "writes the protected path " + text + " (" + prot.text() + ")");
      } else if (!ref.inWorkspace() && !rules.isScratch(ref, recursive)) {
        add(
            Tier.DANGER,
            display,
            (recursive
                    ? "deletes or changes recursively outside the workspace: "
                    : "writes outside the workspace: ")
                + text);
      } else {
        add(Tier.WRITE, display, "writes " + text);
      }
    }
    if (w.gate != null) {
      askGate(a.glob() ? globBase(text) : text, use, display);
    }
  }

  private void askGate(String path, PathUse use, String display) {
    Access wanted = use == PathUse.WRITE ? Access.WRITE : Access.READ;
    String verb = use == PathUse.WRITE ? "write " : "read ";
    try {
      FileVerdict v = w.gate.check(path, wanted);
      if (v == null || !v.allowed()) {
        String why =
            v == null || v.rules().isEmpty() ? "no rule allows it" : String.join("; ", v.rules());
        add(Tier.DANGER, display, "the file gateway denies " + verb + path + ": " + why);
      }
    } catch (RuntimeException e) {
      add(
          Tier.DANGER,
          display,
          "the file gateway failed on " + path + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * A quoted {@code *}, {@code ?} or {@code [} is an ordinary character: swap it for one that no
   * rule uses, so that rule matching does not read it as a pattern.
   */
  private static String literally(String text) {
    if (!GlobPattern.hasGlob(text)) {
      return text;
    }
    return text.replace('*', '\u0001').replace('?', '\u0002').replace('[', '\u0003');
  }

  /** The directory part of a pattern before its first pattern character. */
  private static String globBase(String text) {
    int g = 0;
    while (g < text.length() && "*?[".indexOf(text.charAt(g)) < 0) {
      g++;
    }
    int slash = text.lastIndexOf('/', g);
    return slash < 0 ? "." : slash == 0 ? "/" : text.substring(0, slash);
  }

  /**
   * An argument that is not known to be a path may still name a credential file ({@code
   * --key=~/.ssh/id_rsa}, {@code @~/.netrc}, {@code HEAD:.env}): such a mention is danger.
   */
  void mention(Arg a, String display) {
    String t = a.text();
    if (t == null || t.isEmpty()) {
      return;
    }
    if (t.indexOf('/') < 0 && t.indexOf('.') < 0 && t.charAt(0) != '~') {
      return;
    }
    candidate(t, a, display);
    int cut = Math.max(t.lastIndexOf('='), Math.max(t.lastIndexOf(':'), t.lastIndexOf('@')));
    if (cut >= 0 && cut + 1 < t.length()) {
      candidate(t.substring(cut + 1), a, display);
    }
  }

  private void candidate(String t, Arg a, String display) {
    if (!(t.indexOf('/') >= 0 || t.charAt(0) == '.' || t.charAt(0) == '~')) {
      return;
    }
    PathRules.Rule cred =
        w.knowledge.paths.credential(PathRef.of(a.glob() ? t : literally(t), w.cwd, w.workspace));
    if (cred != null) {
      add(Tier.DANGER, display, "names the credential file " + t + " (" + cred.text() + ")");
    }
  }
}
