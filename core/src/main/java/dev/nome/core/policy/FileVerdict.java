package dev.nome.core.policy;

import java.util.List;

/**
 * The file gateway's answer for one path.
 *
 * @param path the path as the agent wrote it
 * @param resolved the canonical absolute path it was judged as, or empty when it could not be
 *     resolved (which is always a denial)
 * @param access what the matching rules grant on it
 * @param allowed whether the access asked for is granted
 * @param rules the rules that matched, most restrictive first, in words a reviewer can read
 */
public record FileVerdict(
    String path, String resolved, Access access, boolean allowed, List<String> rules) {
  public FileVerdict {
    rules = List.copyOf(rules);
  }
}
