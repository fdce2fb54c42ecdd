package dev.nome.core.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell corpus, read in the same order as bench/peers/shell-conformance/corpus.py: the agent
 * command mix, then constructs, quoting and generated (one command per line), then scripts
 * (separated by lines holding only %%%).
 */
final class ShellCorpus {
  private ShellCorpus() {}

  static List<String> entries() {
    List<String> out = new ArrayList<>();
    try {
      out.addAll(lines(Files.readString(ShellConformanceTest.agentCommands())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String f : List.of("constructs.txt", "quoting.txt", "generated.txt")) {
      out.addAll(lines(resource("/shell/corpus/" + f)));
    }
    out.addAll(scripts());
    return out;
  }

  /** The one-line commands only. */
  static List<String> oneLiners() {
    return entries().stream().filter(s -> s.indexOf('\n') < 0).toList();
  }

  static List<String> scripts() {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String l : resource("/shell/corpus/scripts.txt").split("\n", -1)) {
      if (l.equals("%%%")) {
        add(out, cur.toString());
        cur.setLength(0);
      } else {
        if (!cur.isEmpty()) {
          cur.append('\n');
        }
        cur.append(l);
      }
    }
    add(out, cur.toString().replaceAll("\n+$", ""));
    return out;
  }

  private static void add(List<String> out, String s) {
    if (!s.isBlank()) {
      out.add(s);
    }
  }

  private static List<String> lines(String text) {
    return List.of(text.split("\n")).stream().filter(l -> !l.isBlank()).toList();
  }

  static String resource(String name) {
    try (InputStream in = ShellCorpus.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
