package dev.nome.server.audit;

import io.javalin.http.Handler;

/**
 * Tests only: stands in for pairing and sign-in by taking the caller from test headers ({@code
 * X-Test-Host}, {@code X-Test-Reader}) and setting the attributes the audit API reads.
 */
public final class TestAuthentication {

  private TestAuthentication() {}

  public static final Handler HEADERS =
      ctx -> {
        String host = ctx.header("X-Test-Host");
        if (host != null) {
          ctx.attribute(AuditCallers.HOST_ATTRIBUTE, host);
        }
        String reader = ctx.header("X-Test-Reader");
        if (reader != null) {
          ctx.attribute(AuditCallers.READER_ATTRIBUTE, reader);
        }
      };
}
