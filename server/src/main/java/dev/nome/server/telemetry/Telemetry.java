package dev.nome.server.telemetry;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Product telemetry (P14): counts and durations only, served at {@code /metrics} in Prometheus
 * text. It lives apart from the audit store and never carries content: meters are named by the
 * code, and their tags take values from fixed sets (outcomes, error codes), never from requests.
 */
public final class Telemetry {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public MeterRegistry registry() {
    return registry;
  }

  public void register(Javalin app) {
    app.get("/metrics", this::scrape);
  }

  private void scrape(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }
}
