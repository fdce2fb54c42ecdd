package dev.nome.bench;

import dev.nome.server.testing.TestHosts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Authenticated runner requests per second: {@code GET /api/hosts/me} with a device token over
 * loopback HTTP, each one checked in full (format and checksum, SHA-256, database lookup of an
 * unrevoked host), on SQLite and on PostgreSQL. Four client threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
public class RunnerAuthBenchmark {

  @Param({"sqlite", "postgresql"})
  public String database;

  BenchPlane bench;
  HttpClient http;
  HttpRequest request;

  @Setup(Level.Trial)
  public void start() throws Exception {
    bench = new BenchPlane(database);
    var issued = bench.plane.pairLocalHost(TestHosts.info("bench-host"));
    http = HttpClient.newHttpClient();
    URI url = bench.plane.url().resolve("/api/hosts/me");
    request =
        HttpRequest.newBuilder(url)
            .header("Authorization", "Bearer " + issued.deviceToken())
            .GET()
            .build();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    bench.close();
  }

  @Benchmark
  public int authenticatedRequest() throws Exception {
    HttpResponse<Void> res = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("answered " + res.statusCode());
    }
    return res.statusCode();
  }
}
