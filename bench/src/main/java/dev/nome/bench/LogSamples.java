package dev.nome.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Realistic logs for the scrubber benchmarks: a build log (Maven, npm, docker), a test log (JUnit,
 * pytest, Go) and a server log (access lines, JSON structured logs, stack traces), each with a few
 * secrets in the places they leak from. Deterministic for a given seed.
 *
 * <p>{@code java -cp benchmarks.jar dev.nome.bench.LogSamples <dir> <megabytes>} writes build.log,
 * test.log and server.log for the peer comparison.
 */
public final class LogSamples {

  private LogSamples() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int mb = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Files.createDirectories(dir);
    for (String kind : new String[] {"build", "test", "server"}) {
      Files.write(dir.resolve(kind + ".log"), generate(kind, mb << 20, 1));
    }
  }

  static final String B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static final String HEX = "0123456789abcdef";

  static String pick(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String secret(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> "GITHUB_TOKEN=ghp_" + pick(r, B62, 36);
      case 1 -> "Authorization: Bearer sk-ant-api03-" + pick(r, B62, 93) + "AA";
      case 2 -> "DATABASE_URL=postgres://app:" + pick(r, B62, 16) + "@db:5432/app";
      case 3 -> "aws_secret_access_key = " + pick(r, B62 + "/+", 40);
      default -> "password: \"" + pick(r, B62, 12) + "!9\"";
    };
  }

  static String buildLine(Random r) {
    return switch (r.nextInt(10)) {
      case 0 ->
          "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/apache/commons/commons-lang3/3.14.0/commons-lang3-3.14.0.jar";
      case 1 ->
          "[INFO] Compiling "
              + r.nextInt(400)
              + " source files with javac [debug release 21] to target/classes";
      case 2 ->
          "#"
              + r.nextInt(20)
              + " sha256:"
              + pick(r, HEX, 64)
              + " "
              + r.nextInt(50)
              + ".2MB / 48.1MB 2.3s";
      case 3 ->
          "npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.";
      case 4 -> "      \"integrity\": \"sha512-" + pick(r, B62 + "+/", 86) + "==\",";
      case 5 ->
          "[WARNING] /src/main/java/com/acme/App.java:["
              + r.nextInt(300)
              + ",17] unchecked conversion";
      case 6 ->
          " => [build "
              + r.nextInt(9)
              + "/9] RUN ./mvnw -B -q package -DskipTests   "
              + r.nextInt(90)
              + ".1s";
      case 7 ->
          "added "
              + r.nextInt(1500)
              + " packages, and audited "
              + r.nextInt(1600)
              + " packages in 12s";
      case 8 -> "[INFO] --- surefire:3.5.4:test (default-test) @ acme-core ---";
      default -> "Step " + r.nextInt(30) + "/30 : COPY --from=build /app/target/app.jar /app.jar";
    };
  }

  static String testLine(Random r) {
    return switch (r.nextInt(10)) {
      case 0 ->
          "[INFO] Tests run: "
              + r.nextInt(90)
              + ", Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0."
              + r.nextInt(999)
              + " s -- in com.acme.auth.TokenServiceTest";
      case 1 ->
          "\tat org.junit.platform.engine.support.hierarchical.NodeTestTask.execute(NodeTestTask.java:"
              + r.nextInt(200)
              + ")";
      case 2 ->
          "--- PASS: TestTokenRefresh/expired_" + r.nextInt(9) + " (0.0" + r.nextInt(9) + "s)";
      case 3 ->
          "tests/test_api.py::test_create_item["
              + r.nextInt(40)
              + "] PASSED                     [ "
              + r.nextInt(100)
              + "%]";
      case 4 -> "  ✓ rejects an expired session (" + r.nextInt(40) + " ms)";
      case 5 ->
          "expected: <200> but was: <401> at com.acme.api.ItemsIT.createsAnItem(ItemsIT.java:"
              + r.nextInt(200)
              + ")";
      case 6 ->
          "2026-05-01 12:00:0"
              + r.nextInt(9)
              + ".123 DEBUG [main] o.h.SQL: select i1_0.id,i1_0.name from items i1_0 where i1_0.owner=?";
      case 7 ->
          "ok  \tgithub.com/acme/app/internal/auth\t0."
              + r.nextInt(999)
              + "s\tcoverage: "
              + r.nextInt(100)
              + ".1% of statements";
      case 8 -> "Caused by: java.net.ConnectException: Connection refused (host=db, port=5432)";
      default ->
          "    assert response.json()[\"id\"] == \""
              + pick(r, HEX, 8)
              + "-"
              + pick(r, HEX, 4)
              + "-4"
              + pick(r, HEX, 3)
              + "-8"
              + pick(r, HEX, 3)
              + "-"
              + pick(r, HEX, 12)
              + "\"";
    };
  }

  static String serverLine(Random r) {
    return switch (r.nextInt(8)) {
      case 0 ->
          "172.18.0."
              + r.nextInt(255)
              + " - - [01/May/2026:12:00:"
              + r.nextInt(60)
              + " +0000] \"GET /api/v1/items?cursor="
              + pick(r, B62, 16)
              + " HTTP/1.1\" 200 "
              + r.nextInt(9000)
              + " \"-\" \"Mozilla/5.0\"";
      case 1 ->
          "{\"level\":\"info\",\"ts\":1714564800."
              + r.nextInt(999)
              + ",\"msg\":\"request completed\",\"method\":\"POST\",\"path\":\"/api/v1/runs\",\"status\":201,\"duration_ms\":"
              + r.nextInt(400)
              + ",\"request_id\":\""
              + pick(r, HEX, 32)
              + "\"}";
      case 2 ->
          "2026-05-01T12:00:00."
              + r.nextInt(999)
              + "Z INFO  [http-nio-8080-exec-"
              + r.nextInt(20)
              + "] c.a.api.RunController : started run "
              + pick(r, HEX, 12)
              + " for host "
              + r.nextInt(900);
      case 3 ->
          "level=info msg=\"cache hit\" key=\"user:"
              + r.nextInt(99999)
              + ":profile\" latency="
              + r.nextInt(9)
              + "ms";
      case 4 ->
          "2026-05-01T12:00:00Z WARN  [scheduler] c.a.jobs.Sweeper : "
              + r.nextInt(40)
              + " sessions expired, tokens revoked: "
              + r.nextInt(40);
      case 5 ->
          "\tat com.acme.api.RunController.start(RunController.java:"
              + r.nextInt(300)
              + ") ~[app.jar:1.4.2]";
      case 6 ->
          "{\"level\":\"debug\",\"msg\":\"model usage\",\"input_tokens\":"
              + r.nextInt(9000)
              + ",\"output_tokens\":"
              + r.nextInt(900)
              + ",\"model\":\"claude-sonnet-4\"}";
      default ->
          "2026-05-01 12:00:00,123 INFO  o.f.c.i.c.DbMigrate - Current version of schema \"public\": "
              + r.nextInt(40);
    };
  }

  /** Exactly {@code size} bytes of log of the given kind (build, test or server). */
  public static byte[] generate(String kind, int size, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(size + 512);
    int line = 0;
    while (sb.length() < size) {
      String l =
          switch (kind) {
            case "build" -> buildLine(r);
            case "test" -> testLine(r);
            default -> serverLine(r);
          };
      if (++line % 2000 == 0) {
        l = secret(r);
      }
      sb.append(l).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[size];
    System.arraycopy(bytes, 0, out, 0, size);
    out[size - 1] = '\n';
    return out;
  }
}
