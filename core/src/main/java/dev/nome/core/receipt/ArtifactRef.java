package dev.nome.core.receipt;

import dev.nome.core.secrets.ScrubbedText;
import java.util.Objects;

/**
 * A reference to something a run produced, stored elsewhere.
 *
 * @param kind diff, file or log
 * @param digest SHA-256 of the artifact's bytes
 * @param size the artifact's size in bytes
 * @param location where it is stored (a path or storage key), scrubbed
 */
public record ArtifactRef(ArtifactKind kind, Digest digest, long size, ScrubbedText location)
    implements Receipt {

  public ArtifactRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    if (size < 0 || size > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("artifact size out of range");
    }
    Objects.requireNonNull(location, "location");
    Bounds.check("artifact location", location, Bounds.SHORT * 4);
  }

  @Override
  public String type() {
    return "artifact";
  }
}
