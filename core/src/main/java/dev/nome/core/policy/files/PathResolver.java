package dev.nome.core.policy.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a path as an agent wrote it into the real path it names, the way the kernel would: {@code
 * ~}, relative paths against the workspace, duplicate slashes, {@code /proc/<pid>/root} prefixes,
 * every symlink on the way and at the end (at most {@value #MAX_LINKS}), and {@code ..} applied to
 * the real directory it follows. A path below a missing directory resolves to its nearest existing
 * parent plus the missing names, unless a {@code ..} follows the missing part (the kernel would
 * refuse it too). Other process links under /proc (cwd, fd, exe) name another process's view and
 * cannot be resolved here.
 */
public final class PathResolver {

  static final int MAX_LINKS = 40;

  private static final Path ROOT = Path.of("/");

  /** /proc/self/root, /proc/thread-self/root, /proc/123/root, /proc/123/task/456/root. */
  private static final Pattern PROC_ROOT =
      Pattern.compile("^/proc/(?:self|thread-self|\\d+)(?:/task/\\d+)?/root(?=/|$)");

  private static final Pattern PROC_PROCESS =
      Pattern.compile("^/proc/(?:self|thread-self|\\d+)(?:/task/\\d+)?/.+$");

  private final Path workspace;
  private final Path home;

  /**
   * @param workspace the workspace, absolute and real
   * @param home the $HOME the agent's shell sees ({@code ~} expands to it)
   */
  public PathResolver(Path workspace, Path home) {
    this.workspace = workspace;
    this.home = home;
  }

  public ResolvedPath resolve(String written) {
    if (written == null || written.isEmpty()) {
      return ResolvedPath.failed("", "empty path");
    }
    if (written.indexOf('\0') >= 0) {
      return ResolvedPath.failed(written, "path holds a NUL character");
    }
    String absolute;
    if (written.equals("~") || written.startsWith("~/")) {
      absolute = home + "/" + written.substring(1);
    } else if (written.startsWith("~")) {
      return ResolvedPath.failed(written, "~user paths are not supported");
    } else if (written.startsWith("/")) {
      absolute = written;
    } else {
      absolute = workspace + "/" + written;
    }
    String lexical = lexical(absolute);
    try {
      ResolvedPath quick = withoutLinks(lexical, absolute);
      return quick != null ? quick : walk(lexical, absolute);
    } catch (IOException | RuntimeException e) {
      return ResolvedPath.failed(lexical, "cannot resolve: " + e);
    }
  }

  /** Removes {@code .}, {@code ..}, duplicate slashes and /proc root prefixes by text alone. */
  static String lexical(String absolute) {
    Deque<String> out = new ArrayDeque<>();
    for (String s : stripProcRoot(absolute).split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        out.pollLast();
      } else {
        out.addLast(s);
      }
    }
    String joined = "/" + String.join("/", out);
    String stripped = stripProcRoot(joined);
    return stripped.equals(joined) ? joined : lexical(stripped);
  }

  static String stripProcRoot(String path) {
    String p = path.replaceAll("/{2,}", "/");
    Matcher m = PROC_ROOT.matcher(p);
    while (m.find()) {
      p = p.substring(m.end());
      p = p.isEmpty() ? "/" : p;
      m = PROC_ROOT.matcher(p);
    }
    return p;
  }

  /**
   * The common case in one system call: when the real path of an existing path is its lexical form,
   * no component was a symlink, so the walk would find the same. Paths under /proc always take the
   * walk, because this process's /proc/self is not the agent's.
   */
  private static ResolvedPath withoutLinks(String lexical, String absolute) {
    if (lexical.equals("/proc") || lexical.startsWith("/proc/")) {
      return null;
    }
    try {
      Path real = Path.of(stripProcRoot(absolute)).toRealPath();
      return real.toString().equals(lexical) ? new ResolvedPath(lexical, real, true, null) : null;
    } catch (IOException | RuntimeException e) {
      return null; // missing, unreadable or odd: the walk decides
    }
  }

  private ResolvedPath walk(String lexical, String absolute) throws IOException {
    Deque<String> todo = new ArrayDeque<>(segments(stripProcRoot(absolute)));
    List<String> real = new ArrayList<>();
    Path current = ROOT;
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.pollFirst();
      if (name.equals("..")) {
        if (!real.isEmpty()) {
          real.remove(real.size() - 1);
          current = current.getParent();
        }
        continue;
      }
      real.add(name);
      Path here = current.resolve(name);
      boolean underProc = real.get(0).equals("proc");
      if (underProc && PROC_ROOT.matcher(join(real)).matches()) {
        real.clear(); // a process's root: the same root as ours
        current = ROOT;
        continue;
      }
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(here, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        if (todo.contains("..")) {
          return ResolvedPath.failed(lexical, "'..' below the missing directory " + here);
        }
        real.addAll(todo);
        return new ResolvedPath(lexical, Path.of(join(real)), false, null);
      }
      if (attrs.isSymbolicLink()) {
        if (underProc && PROC_PROCESS.matcher(join(real)).matches()) {
          return ResolvedPath.failed(
              lexical, here + " is a link into another process's view of the file system");
        }
        if (++links > MAX_LINKS) {
          return ResolvedPath.failed(lexical, "too many symbolic links (a loop?)");
        }
        String target = Files.readSymbolicLink(here).toString();
        real.remove(real.size() - 1);
        if (target.startsWith("/")) {
          real.clear();
          current = ROOT;
          target = stripProcRoot(target);
        }
        List<String> targetSegments = segments(target);
        for (int i = targetSegments.size() - 1; i >= 0; i--) {
          todo.addFirst(targetSegments.get(i));
        }
      } else if (!todo.isEmpty() && !attrs.isDirectory()) {
        return ResolvedPath.failed(lexical, here + " is not a directory");
      } else {
        current = here;
      }
    }
    return new ResolvedPath(lexical, current, true, null);
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }

  private static String join(List<String> segments) {
    return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
  }
}
