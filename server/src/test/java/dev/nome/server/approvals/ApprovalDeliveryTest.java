package dev.nome.server.approvals;

import static dev.nome.server.testing.Approvals.raised;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.core.Tier;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.SseStream;
import dev.nome.server.testing.TestPostgres;
import dev.nome.server.testing.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How events reach many streams: each stream gets every event once, in id order, and a client that
 * stops reading neither holds up the others nor loses anything (it is cut off and resumes).
 */
class ApprovalDeliveryTest {

  static final String PASSWORD = "owner password 1";

  @TempDir Path dataDir;

  ControlPlane start() throws Exception {
    return ControlPlane.start(new ServerConfig("127.0.0.1", 0, dataDir, Optional.empty(), 1), "t");
  }

  /** The account, host id and host name behind a host token, read from one raised request. */
  record HostRef(String accountId, String hostId, String hostName, long eventId) {}

  static HostRef hostRef(ControlPlane plane, String hostToken) throws Exception {
    var raised = raised(plane.url(), hostToken, "setup", "echo");
    ApprovalRequest r =
        plane.services().approvals().get(raised.at("/request/id").asText()).orElseThrow();
    return new HostRef(r.accountId(), r.hostId(), r.hostName(), raised.get("event_id").asLong());
  }

  static long raiseDirect(ControlPlane plane, HostRef h, String run, String action) {
    ApprovalService s = plane.services().approvals();
    return s.raise(
            h.accountId(),
            h.hostId(),
            h.hostName(),
            new NewApproval(
                Optional.empty(),
                run,
                "shell",
                Tier.DANGER,
                s.scrub(action),
                s.scrub("bench"),
                NewApproval.DEFAULT_TTL))
        .eventId();
  }

  @Test
  void everyStreamGetsEveryEventOnceAndInIdOrderUnderConcurrentRaises() throws Exception {
    try (ControlPlane plane = start()) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      HostRef h = hostRef(plane, Approvals.hostToken(plane, "h"));
      List<SseStream> streams = new ArrayList<>();
      try {
        for (int i = 0; i < 40; i++) {
          streams.add(SseStream.bearer(plane.url(), user, null));
        }
        int threads = 4;
        int each = 25;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> raisers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int n = t;
          raisers.add(
              Thread.ofVirtual()
                  .start(
                      () -> {
                        try {
                          go.await();
                          for (int i = 0; i < each; i++) {
                            raiseDirect(plane, h, "run-" + n, "step " + i);
                          }
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }));
        }
        go.countDown();
        for (Thread t : raisers) {
          t.join(Duration.ofSeconds(60));
        }
        for (SseStream s : streams) {
          List<Long> ids = new ArrayList<>();
          for (int i = 0; i < threads * each; i++) {
            ids.add(Long.parseLong(s.next().id()));
          }
          assertThat(ids).isSorted().doesNotHaveDuplicates();
          assertThat(s.poll(Duration.ofMillis(100))).as("nothing more, nothing twice").isNull();
        }
      } finally {
        streams.forEach(SseStream::close);
      }
    }
  }

  @Test
  void eventsRaisedOnOneInstanceReachTheStreamsOfAnotherSharingPostgresql() throws Exception {
    String db = TestPostgres.get().createDatabase();
    try (ControlPlane a =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, dataDir.resolve("a"), Optional.of(db), 1), "a")) {
      WebClient.owner(a, PASSWORD);
      String user = Approvals.userToken(a, PASSWORD);
      String host = Approvals.hostToken(a, "h");
      try (ControlPlane b =
              ControlPlane.start(
                  new ServerConfig("127.0.0.1", 0, dataDir.resolve("b"), Optional.of(db), 1), "b");
          SseStream onA = SseStream.bearer(a.url(), user, null);
          SseStream onB = SseStream.bearer(b.url(), user, null)) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          ids.add(raised(a.url(), host, "run-1", "step " + i).get("event_id").asText());
        }
        for (SseStream s : List.of(onA, onB)) {
          List<String> got = new ArrayList<>();
          for (int i = 0; i < ids.size(); i++) {
            got.add(s.next().id());
          }
          assertThat(got).isEqualTo(ids);
        }
        assertThat(onB.poll(Duration.ofMillis(200))).isNull();
      }
    }
  }

  @Test
  void aClientThatStopsReadingIsCutOffWithoutHoldingUpOthersAndResumesWithoutLoss()
      throws Exception {
    try (ControlPlane plane = start()) {
      WebClient.owner(plane, PASSWORD);
      String user = Approvals.userToken(plane, PASSWORD);
      HostRef h = hostRef(plane, Approvals.hostToken(plane, "h"));
      try (SseStream healthy = SseStream.bearer(plane.url(), user, null);
          Socket stalled = new Socket()) {
        stalled.setReceiveBufferSize(4096); // a small window, so the server's writes back up
        stalled.connect(new InetSocketAddress("127.0.0.1", plane.url().getPort()));
        OutputStream out = stalled.getOutputStream();
        out.write(
            ("GET /api/approvals/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + user
                    + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = stalled.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(": connected")) {
          got.write(in.read()); // then it stops reading
        }

        // Enough large events to fill the socket buffers and the stream's queue several times.
        String big = "x".repeat(NewApproval.MAX_ACTION_CHARS - 100);
        int count = 40 * ApprovalHub.MAX_QUEUED_BYTES / NewApproval.MAX_ACTION_CHARS;
        List<Long> raisedIds = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
          raisedIds.add(raiseDirect(plane, h, "run-1", big + " " + i));
        }
        List<Long> healthyIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          healthyIds.add(Long.parseLong(healthy.next(Duration.ofSeconds(10)).id()));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(healthyIds).as("the reading client got everything").isEqualTo(raisedIds);
        // Each event came within 10 s of the one before (above); with the stalled write holding up
        // delivery that would only happen after the connection's idle timeout, not at all here.
        assertThat(took)
            .as("the stalled client did not hold the others up")
            .isLessThan(Duration.ofSeconds(60));

        // The stalled stream was cut off: reading now reaches its end.
        stalled.setSoTimeout(10_000);
        try {
          in.transferTo(got);
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the stalled stream was not cut off", e);
        } catch (IOException e) {
          // reset by the server: what arrived before is still in hand
        }
        assertThat(plane.services().approvals().hub().subscriberCount()).isEqualTo(1);
        List<Long> before = sseIds(got.toByteArray());
        assertThat(before.size()).as("cut off before the end").isLessThan(count);
        assertThat(raisedIds.subList(0, before.size())).isEqualTo(before);

        // It resumes after the last event it read (or, if it read none, the last one it knew of
        // when it connected, as the page has it from the list) and gets exactly the rest.
        String last = String.valueOf(before.isEmpty() ? h.eventId() : before.getLast());
        List<Long> after = new ArrayList<>();
        try (SseStream again = SseStream.bearer(plane.url(), user, last)) {
          int expected = (int) raisedIds.stream().filter(id -> id > Long.parseLong(last)).count();
          for (int i = 0; i < expected; i++) {
            after.add(Long.parseLong(again.next().id()));
          }
          assertThat(again.poll(Duration.ofMillis(200))).isNull();
        }
        List<Long> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(all).as("nothing missed, nothing twice").isEqualTo(raisedIds);
      }
    }
  }

  private static final Pattern ID = Pattern.compile("(?m)^id: (\\d+)\\n(?:[^\\n]+\\n)*\\n");

  /** The ids of the complete events in a raw chunked SSE response (a cut-off tail is ignored). */
  static List<Long> sseIds(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int body = text.indexOf("\r\n\r\n") + 4;
    StringBuilder sse = new StringBuilder();
    int i = body;
    while (i < text.length()) {
      int eol = text.indexOf("\r\n", i);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(text.substring(i, eol).split(";")[0].strip(), 16);
      int from = eol + 2;
      sse.append(text, from, Math.min(text.length(), from + size));
      i = from + size + 2;
      if (size == 0) {
        break;
      }
    }
    List<Long> ids = new ArrayList<>();
    Matcher m = ID.matcher(sse);
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }
}
