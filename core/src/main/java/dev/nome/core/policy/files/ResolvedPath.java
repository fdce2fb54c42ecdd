package dev.nome.core.policy.files;

import java.nio.file.Path;

/**
 * A path as the gateway judges it.
 *
 * @param lexical the absolute path as written ({@code ~} expanded, joined to the workspace, {@code
 *     .}, {@code ..} and duplicate slashes removed by text alone, symlinks not followed)
 * @param real every symlink followed and every {@code ..} applied on the real directories; for a
 *     path that does not exist yet, its nearest existing parent resolved and the missing names
 *     appended; null when the path cannot be resolved
 * @param exists whether {@code real} exists
 * @param error why it could not be resolved, or null
 */
public record ResolvedPath(String lexical, Path real, boolean exists, String error) {

  static ResolvedPath failed(String lexical, String error) {
    return new ResolvedPath(lexical, null, false, error);
  }

  public boolean resolved() {
    return real != null;
  }
}
