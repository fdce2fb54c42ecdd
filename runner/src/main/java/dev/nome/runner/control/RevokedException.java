package dev.nome.runner.control;

import java.io.IOException;

/** The control plane refused this host's device token: it was revoked (or never valid). */
public final class RevokedException extends IOException {
  public RevokedException() {
    super(
        "this computer's pairing was revoked on the control plane (its device token is refused);"
            + " pair it again with: nome pair");
  }
}
