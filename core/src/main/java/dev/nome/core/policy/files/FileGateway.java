package dev.nome.core.policy.files;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileGate;
import dev.nome.core.policy.FileRule;
import dev.nome.core.policy.FileVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The file permission gateway. A path is resolved first ({@link PathResolver}); then every matching
 * rule applies and the most restrictive wins:
 *
 * <ol>
 *   <li>rules that may grant (shipped and the user's [[files]]): the least access among those that
 *       match the real path; when none matches, write inside the workspace and none outside;
 *   <li>rules that may only tighten (the work item's): lower it further;
 *   <li>sensitive locations ({@link ProtectedPaths}): lower it to their access unless a granting
 *       rule that matches the path names the protected file or directory itself;
 *   <li>always-denied locations: none, whatever any rule says;
 *   <li>a file with several hard links that is one of the protected files: none.
 * </ol>
 *
 * Protected locations are matched against both the real path and the path as written, in {@link
 * NameSkeleton} form, and under both the agent's $HOME and the account's home. Thread-safe; any
 * error is a denial.
 */
public final class FileGateway implements FileGate {

  /**
   * A user or work item rule: its globs as written, the same in skeleton form (a look-alike
   * spelling of what a rule names, e.g. on a case-insensitive file system, can only be tightened by
   * the rule, never granted), and the skeletons of its wildcard-free segments.
   */
  private record Granting(
      FileRule rule, List<Glob> globs, List<Glob> skeletonGlobs, Set<String> literalNames) {}

  private record Guard(ProtectedPaths.Entry entry, List<Glob> globs) {}

  /** A verdict with what the gateway learned on the way, for opening the file afterwards. */
  record Judgement(FileVerdict verdict, ResolvedPath path, FileId id) {}

  private static final long INODE_TTL_MILLIS = 5000;
  private static final int INODE_MAX_FILES = 50_000;

  private final Path workspace;
  private final PathResolver resolver;
  private final List<Granting> rules;
  private final GuardIndex<Guard> guards;
  private final ProtectedInodes inodes;

  private FileGateway(Path workspace, Path shellHome, Path accountHome, List<FileRule> fileRules) {
    this.workspace = workspace;
    this.resolver = new PathResolver(workspace, shellHome);
    Set<Path> homes = homes(shellHome, accountHome);
    List<Granting> compiled = new ArrayList<>();
    for (FileRule r : fileRules) {
      List<Glob> globs = new ArrayList<>();
      for (String p : expand(r.pattern(), homes, workspace)) {
        globs.add(new Glob(p, false));
      }
      Set<String> names = new HashSet<>();
      for (Glob g : globs) {
        for (int i = 0; i < g.segmentCount(); i++) {
          if (g.isLiteral(i)) {
            names.add(NameSkeleton.of(g.segment(i)));
          }
        }
      }
      List<Glob> folded = new ArrayList<>();
      for (Glob g : globs) {
        folded.add(new Glob(g.text(), true));
      }
      compiled.add(new Granting(r, List.copyOf(globs), List.copyOf(folded), Set.copyOf(names)));
    }
    this.rules = List.copyOf(compiled);
    List<Guard> guardList = new ArrayList<>();
    List<Path> inodeRoots = new ArrayList<>();
    for (ProtectedPaths.Entry e : ProtectedPaths.shipped()) {
      List<Glob> globs = new ArrayList<>();
      for (String p : expand(e.pattern(), homes, workspace)) {
        Glob g = new Glob(p, true);
        globs.add(g);
        if (e.pattern().startsWith("~/") && !e.pattern().contains("*")) {
          inodeRoots.add(Path.of(p));
        }
      }
      guardList.add(new Guard(e, List.copyOf(globs)));
    }
    this.guards = new GuardIndex<>(guardList, guardList.stream().map(Guard::globs).toList(), homes);
    this.inodes = new ProtectedInodes(inodeRoots, INODE_TTL_MILLIS, INODE_MAX_FILES);
  }

  /**
   * A gateway for one workspace.
   *
   * @param workspace the workspace directory (resolved to its real path here)
   * @param shellHome the $HOME the agent's shell sees
   * @param accountHome the account's home directory, when different (may equal shellHome)
   * @param rules file rules of the policy in force, in layer order
   * @throws IOException when the workspace cannot be resolved
   */
  public static FileGateway create(
      Path workspace, Path shellHome, Path accountHome, List<FileRule> rules) throws IOException {
    return new FileGateway(
        workspace.toAbsolutePath().toRealPath(),
        shellHome.toAbsolutePath().normalize(),
        accountHome.toAbsolutePath().normalize(),
        List.copyOf(rules));
  }

  /** This process's $HOME (else the account's home). */
  public static Path shellHomeOfThisProcess() {
    String env = System.getenv("HOME");
    return Path.of(env == null || env.isBlank() ? System.getProperty("user.home") : env);
  }

  /** The account's home directory as the JVM knows it. */
  public static Path accountHomeOfThisProcess() {
    return Path.of(System.getProperty("user.home"));
  }

  public Path workspace() {
    return workspace;
  }

  @Override
  public FileVerdict check(String path, Access wanted) {
    return judge(path, wanted).verdict();
  }

  Judgement judge(String path, Access wanted) {
    String written = path == null ? "" : path;
    try {
      if (wanted == null) {
        return refused(written, "", "no access asked for");
      }
      ResolvedPath r = resolver.resolve(written);
      if (!r.resolved()) {
        return refused(written, "", "cannot resolve: " + r.error());
      }
      return decide(written, wanted, r);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vm) {
        throw vm;
      }
      return refused(written, "", "error while checking: " + e);
    }
  }

  private Judgement decide(String written, Access wanted, ResolvedPath r) {
    String[] real = segments(r.real().toString());
    String[] realSkeleton = skeletons(real);
    String[] lexSkeleton = skeletons(segments(r.lexical()));
    List<Line> lines = new ArrayList<>();

    Access granted = null;
    Access tightened = Access.WRITE;
    for (Granting g : rules) {
      if (!matches(g.globs, real)) {
        if (g.rule.access() != Access.WRITE && matches(g.skeletonGlobs, realSkeleton)) {
          tightened = tightened.min(g.rule.access());
          lines.add(
              new Line(g.rule.access(), g.rule.describe() + " [matched a look-alike spelling]"));
        }
        continue;
      }
      lines.add(new Line(g.rule.access(), g.rule.describe()));
      if (g.rule.grants()) {
        granted = granted == null ? g.rule.access() : granted.min(g.rule.access());
      } else {
        tightened = tightened.min(g.rule.access());
      }
    }
    Access access;
    if (granted != null) {
      access = granted;
    } else if (r.real().startsWith(workspace)) {
      access = Access.WRITE;
      lines.add(
          new Line(
              Access.WRITE, "write: inside the workspace " + workspace + " (no rule matched)"));
    } else {
      access = Access.NONE;
      lines.add(new Line(Access.NONE, "none: outside the workspace and no rule matched"));
    }
    access = access.min(tightened);

    for (Guard guard : guards.candidates(realSkeleton, lexSkeleton)) {
      String item = protectedItem(guard.globs, realSkeleton);
      if (item == null) {
        item = protectedItem(guard.globs, lexSkeleton);
      }
      if (item == null) {
        continue;
      }
      ProtectedPaths.Entry e = guard.entry();
      if (e.always()) {
        access = Access.NONE;
        lines.add(
            new Line(Access.NONE, "none: " + e.pattern() + " is always denied (" + e.why() + ")"));
        continue;
      }
      Granting naming = namingRule(item, real);
      if (naming != null) {
        lines.add(
            new Line(
                Access.WRITE, // informational: listed after the rules that decide
                "lifted: "
                    + e.pattern()
                    + " ("
                    + e.why()
                    + ") named by rule "
                    + naming.rule.pattern()));
        continue;
      }
      access = access.min(e.access());
      lines.add(
          new Line(
              e.access(),
              label(e.access())
                  + ": "
                  + e.pattern()
                  + " (sensitive: "
                  + e.why()
                  + "; a rule naming it can allow it)"));
    }

    FileId id = null;
    if (r.exists()) {
      try {
        id = FileId.of(r.real());
      } catch (IOException | RuntimeException e) {
        return refused(written, r.real().toString(), "cannot read the file's identity: " + e);
      }
      if (access != Access.NONE && id.regular() && id.links() > 1) {
        String why = inodes.refuse(id);
        if (why != null) {
          access = Access.NONE;
          lines.add(
              new Line(
                  Access.NONE,
                  "none: " + why + " (device " + id.device() + ", inode " + id.inode() + ")"));
        }
      }
    }

    // most restrictive first; among equals, the workspace default last
    lines.sort(
        Comparator.comparing(Line::access)
            .thenComparing(l -> l.text().contains("no rule matched")));
    List<String> text =
        new ArrayList<>(new LinkedHashSet<>(lines.stream().map(Line::text).toList()));
    boolean allowed = wanted != Access.NONE && access.covers(wanted);
    return new Judgement(
        new FileVerdict(written, r.real().toString(), access, allowed, text), r, id);
  }

  private record Line(Access access, String text) {}

  /** The protected item's own name (skeleton) when a guard glob matches, else null. */
  private static String protectedItem(List<Glob> globs, String[] skeletonPath) {
    for (Glob g : globs) {
      int n = g.matchLength(skeletonPath);
      if (n > 0) {
        return skeletonPath[n - 1];
      }
      if (n == 0) {
        return "/";
      }
    }
    return null;
  }

  private Granting namingRule(String item, String[] real) {
    for (Granting g : rules) {
      if (g.rule.grants() && g.literalNames.contains(item) && matches(g.globs, real)) {
        return g;
      }
    }
    return null;
  }

  private static boolean matches(List<Glob> globs, String[] path) {
    for (Glob g : globs) {
      if (g.matchLength(path) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static Judgement refused(String written, String resolved, String why) {
    return new Judgement(
        new FileVerdict(written, resolved, Access.NONE, false, List.of("none: " + why)),
        null,
        null);
  }

  private static String label(Access a) {
    return a.name().toLowerCase(Locale.ROOT);
  }

  static String[] segments(String absolute) {
    List<String> out = new ArrayList<>();
    for (String s : absolute.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out.toArray(String[]::new);
  }

  private static String[] skeletons(String[] segments) {
    String[] out = new String[segments.length];
    for (int i = 0; i < segments.length; i++) {
      out[i] = NameSkeleton.of(segments[i]);
    }
    return out;
  }

  private static Set<Path> homes(Path shellHome, Path accountHome) {
    Set<Path> homes = new LinkedHashSet<>();
    for (Path h : List.of(shellHome, accountHome)) {
      homes.add(h);
      try {
        homes.add(h.toRealPath());
      } catch (IOException e) {
        // a home that does not exist has no real path to protect as well
      }
    }
    return homes;
  }

  /**
   * The absolute globs a pattern stands for: {@code ~} under each home, relative ones under the
   * workspace, and for each, the same glob under the real path of its literal prefix when that is
   * reached through a symlink.
   */
  static List<String> expand(String pattern, Set<Path> homes, Path workspace) {
    List<String> bases = new ArrayList<>();
    if (pattern.equals("~") || pattern.startsWith("~/")) {
      for (Path h : homes) {
        bases.add(h + "/" + pattern.substring(1));
      }
    } else if (pattern.startsWith("/")) {
      bases.add(pattern);
    } else {
      bases.add(workspace + "/" + pattern);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String b : bases) {
      String clean = PathResolver.stripProcRoot(b);
      out.add(clean);
      String[] segs = segments(clean);
      int literal = 0;
      while (literal < segs.length && !Glob.hasWildcard(segs[literal])) {
        literal++;
      }
      if (literal == 0) {
        continue;
      }
      Path prefix = Path.of("/" + String.join("/", java.util.Arrays.copyOf(segs, literal)));
      try {
        if (Files.exists(prefix)) {
          Path realPrefix = prefix.toRealPath();
          if (!realPrefix.equals(prefix)) {
            StringBuilder s = new StringBuilder(realPrefix.toString());
            for (int i = literal; i < segs.length; i++) {
              s.append('/').append(segs[i]);
            }
            out.add(s.toString());
          }
        }
      } catch (IOException e) {
        // unresolvable prefix: the glob as written still applies
      }
    }
    return List.copyOf(out);
  }
}
