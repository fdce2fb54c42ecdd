package dev.nome.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Many SSE subscribers on plain non-blocking sockets, read by a few selector threads, noting when
 * each subscriber has read the event of each round.
 *
 * <p>Why not {@code java.net.http.HttpClient}: with one reader per stream the harness spent more
 * CPU turning 1,000 chunks into lines than the server spent writing them, on the same two cores, so
 * the figure measured the harness. Here a subscriber is a socket, a chunked-transfer decoder and an
 * SSE line parser; an event counts as arrived when the read that completes its {@code data:} line
 * returns, timed once per readiness wake-up. Every subscriber still has to read every event.
 */
final class SseSubscribers implements AutoCloseable {

  /** Events carry {@code "run_id":"bench-<round>"}; the round is the index into the times. */
  private static final byte[] RUN_MARK = "\"run_id\":\"bench-".getBytes(StandardCharsets.UTF_8);

  private final Conn[] conns;
  private final Selector[] selectors;
  private final List<Thread> readers = new ArrayList<>();
  private final CountDownLatch connected;
  private final long[][] arrivals; // [round][subscriber], 0 until it arrived
  private volatile CountDownLatch round = new CountDownLatch(0);
  private volatile int roundNo = -1;
  private volatile boolean closed;

  private SseSubscribers(int n, int rounds, int threads) throws IOException {
    conns = new Conn[n];
    selectors = new Selector[threads];
    connected = new CountDownLatch(n);
    arrivals = new long[rounds][n];
    for (int i = 0; i < threads; i++) {
      selectors[i] = Selector.open();
    }
  }

  /** Opens {@code n} streams with {@code token}, read by {@code threads} selector threads. */
  static SseSubscribers open(URI url, String token, int n, int rounds, int threads)
      throws IOException, InterruptedException {
    SseSubscribers s = new SseSubscribers(n, rounds, threads);
    byte[] request =
        ("GET /api/approvals/events HTTP/1.1\r\nHost: "
                + url.getHost()
                + ":"
                + url.getPort()
                + "\r\nAuthorization: Bearer "
                + token
                + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < n; i++) {
      SocketChannel ch = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
      ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      ByteBuffer out = ByteBuffer.wrap(request);
      while (out.hasRemaining()) {
        ch.write(out);
      }
      ch.configureBlocking(false);
      s.conns[i] = new Conn(i, ch);
    }
    for (int t = 0; t < threads; t++) {
      Selector sel = s.selectors[t];
      for (int i = t; i < n; i += threads) {
        s.conns[i].channel.register(sel, SelectionKey.OP_READ, s.conns[i]);
      }
      Thread th = Thread.ofPlatform().daemon().name("sse-reader-" + t).start(() -> s.loop(sel));
      s.readers.add(th);
    }
    if (!s.connected.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("not every subscriber connected within 60 s");
    }
    return s;
  }

  /** Call before raising round {@code r}'s event; then {@link #awaitRound}. */
  void expect(int r) {
    round = new CountDownLatch(conns.length);
    roundNo = r;
  }

  /** Waits until every subscriber has read round {@code r}'s event; returns their arrival times. */
  long[] awaitRound(int r) throws InterruptedException {
    if (!round.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "round " + r + ": " + round.getCount() + " subscribers did not get the event in 30 s");
    }
    return arrivals[r];
  }

  private void loop(Selector sel) {
    ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
    byte[] bytes = new byte[64 * 1024];
    try {
      while (!closed) {
        if (sel.select() == 0) {
          continue;
        }
        var it = sel.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey k = it.next();
          it.remove();
          Conn c = (Conn) k.attachment();
          buf.clear();
          int got;
          try {
            got = c.channel.read(buf);
          } catch (IOException e) {
            got = -1;
          }
          long at = System.nanoTime(); // after this subscriber's read returned
          if (got < 0) {
            k.cancel();
            continue;
          }
          buf.flip();
          buf.get(bytes, 0, got);
          c.feed(bytes, got, at, this);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        throw new IllegalStateException("subscriber reader failed", e);
      }
    }
  }

  void onComment(Conn c) {
    if (!c.connected) {
      c.connected = true;
      connected.countDown();
    }
  }

  void onData(Conn c, byte[] line, int len, long at) {
    int r = roundOf(line, len);
    if (r >= 0 && r < arrivals.length && arrivals[r][c.index] == 0) {
      arrivals[r][c.index] = at;
      if (r == roundNo) {
        round.countDown();
      }
    }
  }

  private static int roundOf(byte[] line, int len) {
    outer:
    for (int i = 0; i + RUN_MARK.length <= len; i++) {
      for (int j = 0; j < RUN_MARK.length; j++) {
        if (line[i + j] != RUN_MARK[j]) {
          continue outer;
        }
      }
      int r = 0;
      int k = i + RUN_MARK.length;
      while (k < len && line[k] >= '0' && line[k] <= '9') {
        r = r * 10 + (line[k++] - '0');
      }
      return r;
    }
    return -1;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    closed = true;
    for (Selector s : selectors) {
      s.wakeup();
    }
    for (Thread t : readers) {
      t.join(Duration.ofSeconds(5));
    }
    for (Conn c : conns) {
      c.channel.close();
    }
    for (Selector s : selectors) {
      s.close();
    }
  }

  /** One stream: response head, then chunked body decoded into SSE lines. */
  static final class Conn {
    final int index;
    final SocketChannel channel;
    boolean connected;
    private boolean inBody;
    private boolean chunked;
    private long chunkLeft = -1; // -1: reading a chunk-size line
    private boolean chunkTrailer; // the CRLF after a chunk's data
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder sizeLine = new StringBuilder();
    private byte[] line = new byte[4096];
    private int lineLen;

    Conn(int index, SocketChannel channel) {
      this.index = index;
      this.channel = channel;
    }

    void feed(byte[] b, int n, long at, SseSubscribers owner) {
      int i = 0;
      while (i < n) {
        if (!inBody) {
          head.append((char) b[i++]);
          int len = head.length();
          if (len >= 4 && head.substring(len - 4).equals("\r\n\r\n")) {
            String h = head.toString();
            if (!h.startsWith("HTTP/1.1 200")) {
              throw new IllegalStateException("stream refused: " + h.lines().findFirst());
            }
            chunked = h.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
            inBody = true;
          }
        } else if (!chunked) {
          body(b[i++], at, owner);
        } else if (chunkTrailer) {
          if (b[i++] == '\n') {
            chunkTrailer = false;
          }
        } else if (chunkLeft < 0) {
          byte x = b[i++];
          if (x == '\n') {
            String s = sizeLine.toString().strip();
            int semi = s.indexOf(';');
            chunkLeft = Long.parseLong(semi < 0 ? s : s.substring(0, semi), 16);
            sizeLine.setLength(0);
            if (chunkLeft == 0) {
              chunkLeft = -1; // end of body; the server closed the stream
            }
          } else if (x != '\r') {
            sizeLine.append((char) x);
          }
        } else {
          int take = (int) Math.min(chunkLeft, n - i);
          for (int k = 0; k < take; k++) {
            body(b[i + k], at, owner);
          }
          i += take;
          chunkLeft -= take;
          if (chunkLeft == 0) {
            chunkLeft = -1;
            chunkTrailer = true;
          }
        }
      }
    }

    private void body(byte x, long at, SseSubscribers owner) {
      if (x == '\n') {
        if (lineLen > 0 && line[0] == ':') {
          owner.onComment(this);
        } else if (lineLen >= 5 && line[0] == 'd' && line[4] == ':') {
          owner.onData(this, line, lineLen, at);
        }
        lineLen = 0;
      } else {
        if (lineLen == line.length) {
          line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[lineLen++] = x;
      }
    }
  }
}
