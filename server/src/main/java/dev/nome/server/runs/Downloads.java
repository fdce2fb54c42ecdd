package dev.nome.server.runs;

import io.javalin.http.Context;

/**
 * Sends an artifact as a download: always an attachment, text as {@code text/plain} and everything
 * else as {@code application/octet-stream}, so a browser never renders what a run produced. Names
 * were checked on upload ({@code [A-Za-z0-9][A-Za-z0-9._-]*}), so they need no quoting beyond the
 * quotes.
 */
public final class Downloads {

  private Downloads() {}

  public static void send(Context ctx, ArtifactStore.Content c) {
    String type = c.artifact().mediaType();
    boolean text = type.startsWith("text/") || type.equals("application/json");
    ctx.header("Content-Disposition", "attachment; filename=\"" + c.artifact().name() + "\"");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(text ? "text/plain; charset=utf-8" : "application/octet-stream");
    ctx.result(c.bytes());
  }
}
