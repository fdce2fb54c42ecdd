package dev.nome.runner.seats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds the environment for a provider CLI's status command from the rules in {@code
 * environment-rules.txt} (format in the README beside it): allowlisted names only, minus
 * credential-shaped ones, whose names are recorded as withheld.
 */
public final class EnvironmentFilter {

  /** The environment to give the child and the credential-shaped names kept from it. */
  public record Filtered(Map<String, String> environment, List<String> withheld) {}

  private final List<Pattern> allow;
  private final List<Pattern> deny;

  private EnvironmentFilter(List<Pattern> allow, List<Pattern> deny) {
    this.allow = allow;
    this.deny = deny;
  }

  /** The rules shipped with NOME. */
  public static EnvironmentFilter standard() {
    try (InputStream in = EnvironmentFilter.class.getResourceAsStream("environment-rules.txt")) {
      if (in == null) {
        throw new IllegalStateException("environment-rules.txt is missing from the runner");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EnvironmentFilter parse(String rules) {
    List<Pattern> allow = new ArrayList<>();
    List<Pattern> deny = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(rules))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] parts = l.split("\\s+");
        if (parts.length != 2 || !parts[1].matches("[A-Za-z0-9_*]+")) {
          throw new IllegalArgumentException("environment rules line " + n + ": " + l);
        }
        Pattern p = glob(parts[1]);
        switch (parts[0]) {
          case "allow" -> allow.add(p);
          case "deny" -> deny.add(p);
          default -> throw new IllegalArgumentException("environment rules line " + n + ": " + l);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new EnvironmentFilter(List.copyOf(allow), List.copyOf(deny));
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (String piece : g.split("\\*", -1)) {
      if (!re.isEmpty()) {
        re.append(".*");
      }
      re.append(Pattern.quote(piece));
    }
    return Pattern.compile(re.toString());
  }

  public boolean isCredentialShaped(String name) {
    return deny.stream().anyMatch(p -> p.matcher(name).matches());
  }

  public Filtered apply(Map<String, String> env) {
    Map<String, String> kept = new TreeMap<>();
    TreeSet<String> withheld = new TreeSet<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (isCredentialShaped(name)) {
        withheld.add(name);
      } else if (allow.stream().anyMatch(p -> p.matcher(name).matches())) {
        kept.put(name, e.getValue());
      }
    }
    return new Filtered(Map.copyOf(kept), List.copyOf(withheld));
  }
}
