package dev.nome.bench;

import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.accounts.Account;
import dev.nome.server.testing.TestHosts;
import dev.nome.server.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Approval fan-out figures: the time from a host raising a request to its arrival at every SSE
 * subscriber, with 1 and with 1,000 subscribers on loopback, and the control plane's memory with
 * 1,000 subscribers. The control plane runs in a child JVM (so its memory is its own); this process
 * holds the subscribers.
 *
 * <pre>
 * ./mvnw -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar dev.nome.bench.ApprovalFanout [sqlite|postgresql] [1 1000]
 * </pre>
 *
 * Latency is measured from just before the raise request is sent to the moment a subscriber has
 * read the event, so it includes the raise's HTTP round trip and database commit.
 */
public final class ApprovalFanout {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Selector threads reading the subscribers' sockets (see {@link SseSubscribers}). */
  private static final int READER_THREADS =
      Integer.getInteger("fanout.readers", Math.min(2, Runtime.getRuntime().availableProcessors()));

  private ApprovalFanout() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--serve")) {
      serve(args.length > 1 ? args[1] : "sqlite");
      return;
    }
    String dialect = args.length > 0 ? args[0] : "sqlite";
    int[] counts =
        args.length > 1
            ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 1000};
    Process server =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ApprovalFanout.class.getName(),
                "--serve",
                dialect)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader fromServer =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      PrintStream toServer =
          new PrintStream(server.getOutputStream(), true, StandardCharsets.UTF_8);
      URI url = URI.create(expect(fromServer, "URL"));
      String user = expect(fromServer, "USER");
      String host = expect(fromServer, "HOST");
      System.out.printf(
          Locale.ROOT, "approval fan-out on %s (%s), server in its own JVM%n", dialect, url);
      toServer.println("mem");
      String baseline = expect(fromServer, "MEM");
      System.out.println("server memory with 0 subscribers: " + baseline);
      for (int n : counts) {
        run(url, user, host, n, toServer, fromServer);
      }
      toServer.println("quit");
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void run(
      URI url, String user, String host, int n, PrintStream toServer, BufferedReader fromServer)
      throws Exception {
    int rounds = Integer.getInteger("fanout.rounds", n >= 1000 ? 60 : 300);
    int warmup = Math.max(5, rounds / 10);
    List<Long> arrivals = new ArrayList<>();
    List<Long> lastArrivals = new ArrayList<>();
    try (SseSubscribers subs = SseSubscribers.open(url, user, n, warmup + rounds, READER_THREADS)) {
      toServer.println("mem");
      String mem = expect(fromServer, "MEM");
      for (int r = 0; r < warmup + rounds; r++) {
        String run = "bench-" + r;
        subs.expect(r);
        long t0 = System.nanoTime();
        HttpResponse<String> res =
            HTTP.send(
                HttpRequest.newBuilder(url.resolve("/api/approvals"))
                    .header("Authorization", "Bearer " + host)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"run_id\":\""
                                + run
                                + "\",\"tool\":\"shell\",\"tier\":\"danger\",\"action\":\"rm -rf"
                                + " build/\",\"reason\":\"bench\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 201) {
          throw new IllegalStateException("raise failed: " + res.statusCode() + " " + res.body());
        }
        long last = 0;
        for (long at : subs.awaitRound(r)) {
          if (r >= warmup) {
            arrivals.add(at - t0);
          }
          last = Math.max(last, at - t0);
        }
        if (r >= warmup) {
          lastArrivals.add(last);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%5d subscribers, %d raises: per-delivery p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
              + " all-delivered p50 %.2f ms, p99 %.2f ms%n",
          n,
          rounds,
          pct(arrivals, 50),
          pct(arrivals, 99),
          pct(arrivals, 100),
          pct(lastArrivals, 50),
          pct(lastArrivals, 99));
      System.out.println("      server memory with " + n + " subscribers: " + mem);
    }
  }

  private static double pct(List<Long> nanos, int p) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  private static String expect(BufferedReader in, String key) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith(key + " ")) {
        return line.substring(key.length() + 1);
      }
    }
    throw new IllegalStateException("the server process ended before saying " + key);
  }

  /** The child process: a control plane with an owner and a paired host; answers "mem". */
  private static void serve(String dialect) throws Exception {
    Path dir = Files.createTempDirectory("nome-fanout-");
    Optional<String> db =
        dialect.equals("postgresql")
            ? Optional.of(TestPostgres.get().createDatabase())
            : Optional.empty();
    try (ControlPlane plane =
        ControlPlane.start(new ServerConfig("127.0.0.1", 0, dir, db, 1), "bench")) {
      String secret = plane.ownerSetupLink().orElseThrow().getPath().replace("/welcome/", "");
      Account owner =
          plane.services().accounts().useSetupLink(secret, "bench owner password").orElseThrow();
      System.out.println("URL " + plane.url());
      System.out.println("USER " + plane.services().userTokens().issue(owner, "bench"));
      System.out.println("HOST " + plane.pairLocalHost(TestHosts.info("bench-host")).deviceToken());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        if (line.equals("mem")) {
          for (int i = 0; i < 3; i++) {
            System.gc();
          }
          long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          System.out.printf(
              Locale.ROOT,
              "MEM heap used after GC %.1f MiB, resident %s, %d live threads, %d streams%n",
              heap / 1048576.0,
              rss(),
              ManagementFactory.getThreadMXBean().getThreadCount(),
              plane.services().approvals().hub().subscriberCount());
          System.out.flush();
        }
      }
    }
  }

  private static String rss() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f MiB", kb / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return "n/a";
  }
}
