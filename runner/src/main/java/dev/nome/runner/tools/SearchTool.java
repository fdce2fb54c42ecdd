package dev.nome.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileVerdict;
import dev.nome.runner.model.ToolSpec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * search: lines matching a regular expression (RE2 syntax, linear time whatever the pattern) in the
 * files under a workspace directory. Symlinks are not followed; every file is opened through the
 * gateway, so a file the agent may not read (a {@code .env}, a key) is skipped and only counted.
 */
public final class SearchTool implements Tool {

  static final int MAX_MATCHES = 500;
  static final int MAX_LINE = 300;

  @Override
  public String name() {
    return "search";
  }

  @Override
  public ToolSpec spec() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("pattern", "a regular expression (RE2 syntax) to look for, line by line");
    props.put("path", "the directory or file to search (default: the workspace)");
    return new ToolSpec(
        name(),
        "Find lines matching a regular expression in the workspace's files.",
        Inputs.schema(props, List.of("pattern")));
  }

  @Override
  public ToolOutput run(JsonNode input, Workspace ws) throws ToolException {
    Inputs.requireObject(input);
    String patternText = Inputs.requiredText(input, "pattern");
    String path = Inputs.optionalText(input, "path", ".");
    Pattern pattern;
    try {
      pattern = Pattern.compile(patternText);
    } catch (PatternSyntaxException e) {
      throw new ToolException("not a valid pattern: " + e.getMessage());
    }
    FileVerdict v = ws.require(path, Access.READ);
    Path start = Path.of(v.resolved());
    Path root = ws.root();
    List<String> hits = new ArrayList<>();
    int[] counts = new int[3]; // files looked at, files skipped, files refused
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
              return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
              if (!a.isRegularFile()) {
                return FileVisitResult.CONTINUE;
              }
              if (counts[0] == ws.limits().maxSearchFiles() || hits.size() >= MAX_MATCHES) {
                return FileVisitResult.TERMINATE;
              }
              counts[0]++;
              if (a.size() > ws.limits().maxFileBytes()) {
                counts[1]++;
                return FileVisitResult.CONTINUE;
              }
              String text;
              try {
                text = ws.readText(file.toString());
              } catch (ToolException e) {
                counts[2]++;
                return FileVisitResult.CONTINUE;
              }
              if (text.indexOf('\0') >= 0) {
                counts[1]++;
                return FileVisitResult.CONTINUE;
              }
              String shown =
                  file.startsWith(root) ? root.relativize(file).toString() : file.toString();
              int lineNo = 0;
              for (String line : text.split("\n", -1)) {
                lineNo++;
                if (pattern.matcher(line).find()) {
                  String l = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
                  hits.add(shown + ":" + lineNo + ": " + l);
                  if (hits.size() >= MAX_MATCHES) {
                    break;
                  }
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              counts[1]++;
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new ToolException(path + ": " + e.getMessage(), e);
    }
    StringBuilder out = new StringBuilder(String.join("\n", hits));
    if (hits.isEmpty()) {
      out.append("no matches");
    }
    out.append("\n[").append(counts[0]).append(" files searched");
    if (counts[2] > 0) {
      out.append(", ").append(counts[2]).append(" not readable by policy");
    }
    if (counts[1] > 0) {
      out.append(", ").append(counts[1]).append(" skipped (binary, too large or unreadable)");
    }
    if (hits.size() >= MAX_MATCHES) {
      out.append(", stopped at ").append(MAX_MATCHES).append(" matches");
    }
    out.append("]");
    return ToolOutput.ok(Inputs.cap(out.toString(), ws.limits().maxOutputChars()));
  }
}
