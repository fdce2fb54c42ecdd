package dev.nome.core.policy.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.nome.core.policy.Access;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The locations the gateway protects whatever the rules say, read from protected-paths.toml (format
 * described at the top of that file and in docs/policy.md).
 */
public final class ProtectedPaths {

  /**
   * One protected location.
   *
   * @param pattern a glob as in a policy's [[files]]
   * @param always true when no rule can lift it
   * @param access what it leaves: none, or read to deny writing only
   * @param why shown in verdicts
   */
  public record Entry(String pattern, boolean always, Access access, String why) {}

  private static final String RESOURCE = "/dev/nome/core/policy/protected-paths.toml";
  private static final List<Entry> SHIPPED = load();

  private ProtectedPaths() {}

  public static List<Entry> shipped() {
    return SHIPPED;
  }

  private static List<Entry> load() {
    try (InputStream in = ProtectedPaths.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonNode root = new TomlMapper().readTree(in);
      List<Entry> out = new ArrayList<>();
      for (var section : List.of("always", "sensitive")) {
        for (JsonNode e : root.path(section)) {
          for (var names = e.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!Set.of("path", "access", "why").contains(key)) {
              throw new IllegalStateException(RESOURCE + ": unknown key " + key);
            }
          }
          Access access =
              switch (e.path("access").asText("none")) {
                case "none" -> Access.NONE;
                case "read" -> Access.READ;
                default -> throw new IllegalStateException(RESOURCE + ": bad access in " + e);
              };
          String path = e.path("path").asText("");
          if (path.isEmpty() || e.path("why").asText("").isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": each entry needs path and why");
          }
          out.add(new Entry(path, section.equals("always"), access, e.path("why").asText()));
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
