package dev.nome.server.web;

/** Versions of the front-end assets the pages link to; kept equal to the POM's pins. */
public final class Assets {
  /** Must equal {@code htmx.version} in the parent POM; a test checks the file is served. */
  public static final String HTMX_VERSION = "2.0.7";

  private Assets() {}
}
