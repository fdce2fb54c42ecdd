package dev.nome.core.secrets;

import com.google.re2j.Matcher;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import javax.crypto.Mac;

/**
 * A writer that scrubs what passes through it, line by line, and writes exactly the same lines to
 * the writer underneath. Text may arrive in any pieces: a private key split across writes is still
 * removed whole. Lines longer than the buffer are processed in chunks that overlap by more than any
 * rule can span, so memory stays bounded for a line of any length.
 *
 * <p>How a line is handled: the keyword prefilter runs over every character (one table lookup
 * each); a line without a keyword, and outside a key block, is passed on as it is, in bulk. Only
 * where a keyword occurs does a rule's RE2 pattern run, on a small window around it.
 *
 * <p>Not thread-safe: one per stream. {@link #flush()} passes on every complete line; {@link
 * #close()} also passes on the last, unterminated one.
 */
public final class ScrubbingWriter extends Writer {

  private static final int INITIAL_BUFFER = 1 << 10;
  static final int MAX_BUFFER = 1 << 17;

  private final RuleBook book;
  private final List<Rule> rules;
  private final Fingerprinter fingerprinter;
  private final Writer out;

  private final KeywordScan keywords;
  private final int blockRule;
  private final int markerRule;
  private final int overlap;
  private final int context;

  private char[] buf;
  private int len;
  private int scanned;
  private int lineStart;
  private int emitted;
  private boolean lineWasLong;
  private boolean lineHasBlockMarker;
  private boolean closed;

  private int[] hitRule = new int[16];
  private int[] hitPos = new int[16];
  private int hits;

  private final KeyBlockReader blocks = new KeyBlockReader();
  private final Matcher[] matchers;
  private final int[] openStart;
  private final int[] lastEnd;
  private int coveredUntil;
  private int coveringRule;
  private long[] sortKeys = new long[16];
  private final int[] spent;
  private final Matcher[] searchers;
  private final int[] openEnd;
  private final CharWindow window = new CharWindow();
  private Mac mac;

  private final BitSet inMarker = new BitSet();
  private boolean anyMarker;

  private final Candidates cands = new Candidates();

  ScrubbingWriter(RuleBook book, Fingerprinter fingerprinter, Writer out) {
    this.book = book;
    this.rules = book.rules();
    this.fingerprinter = fingerprinter;
    this.out = out;
    this.keywords = new KeywordScan(book.index());
    this.blockRule = book.blockMarkerRule();
    this.markerRule = book.redactionMarkerRule();
    this.context = book.reach() + 16;
    this.overlap = book.reach() + 64;
    if (MAX_BUFFER < 2 * (overlap + context)) {
      throw new IllegalStateException("rules reach too far for the line buffer");
    }
    this.buf = new char[INITIAL_BUFFER];
    this.matchers = new Matcher[rules.size()];
    this.openStart = new int[rules.size()];
    this.lastEnd = new int[rules.size()];
    this.spent = new int[rules.size()];
    this.searchers = new Matcher[rules.size()];
    this.openEnd = new int[rules.size()];
    Arrays.fill(openStart, -1);
  }

  @Override
  public void write(char[] c, int off, int n) throws IOException {
    ensureOpen();
    while (n > 0) {
      if (len == buf.length) {
        makeRoom();
      }
      int k = Math.min(n, buf.length - len);
      System.arraycopy(c, off, buf, len, k);
      len += k;
      off += k;
      n -= k;
      scan();
    }
  }

  @Override
  public void write(String s, int off, int n) throws IOException {
    ensureOpen();
    while (n > 0) {
      if (len == buf.length) {
        makeRoom();
      }
      int k = Math.min(n, buf.length - len);
      s.getChars(off, off + k, buf, len);
      len += k;
      off += k;
      n -= k;
      scan();
    }
  }

  @Override
  public void write(int c) throws IOException {
    write(new char[] {(char) c}, 0, 1);
  }

  /** Passes on every complete line; an unfinished line waits, it may still hold a secret. */
  @Override
  public void flush() throws IOException {
    ensureOpen();
    writePending(lineStart);
    out.flush();
  }

  /** Scrubs and passes on the last line, then closes the writer underneath. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    finish();
    out.close();
  }

  /** Scrubs and passes on the last line without closing the writer underneath. */
  public void finish() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (lineStart < len || hits > 0) {
      endLine(len);
    }
    writePending(len);
    out.flush();
  }

  /** The size of the line buffer now; never more than {@link #MAX_BUFFER}. */
  int bufferCapacity() {
    return buf.length;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("scrubbing writer is closed");
    }
  }

  // ------------------------------------------------------------------ scanning

  private void scan() throws IOException {
    KeywordScan k = keywords;
    int n = k.scan(buf, scanned, len);
    scanned = len;
    for (int e = 0; e < n; e++) {
      if (k.endsLine(e)) {
        endLine(k.position(e));
      } else {
        addHits(k.state(e), k.position(e));
      }
    }
  }

  private void addHits(int s, int i) {
    KeywordIndex index = book.index();
    int[] rs = index.rulesAt(s);
    int[] ls = index.lengthsAt(s);
    for (int j = 0; j < rs.length; j++) {
      int r = rs[j];
      if (r == blockRule) {
        lineHasBlockMarker = true;
        continue;
      }
      if (hits == hitRule.length) {
        hitRule = Arrays.copyOf(hitRule, hits * 2);
        hitPos = Arrays.copyOf(hitPos, hits * 2);
      }
      hitRule[hits] = r;
      hitPos[hits] = i - ls[j] + 1;
      hits++;
    }
  }

  private void endLine(int to) throws IOException {
    if (hits > 0 || lineHasBlockMarker || blocks.active()) {
      processLine(lineStart, to);
    }
    hits = 0;
    lineHasBlockMarker = false;
    lineWasLong = false;
    lineStart = Math.min(to + 1, len);
  }

  private void processLine(int from, int to) throws IOException {
    if (lineWasLong) {
      blocks.interrupt();
    } else if (blocks.active() || lineHasBlockMarker) {
      if (blocks.bodyLine(buf, from, to)) {
        int bodyStart = blocks.bodyStart;
        int bodyEnd = blocks.bodyEnd;
        String kind = blocks.bodyKind;
        if (hits > 0) {
          applyRules(from, bodyStart, false);
        }
        if (emitted <= bodyStart) {
          redact(bodyStart, bodyEnd, 0, kind);
        }
        return;
      }
    }
    if (hits > 0) {
      applyRules(from, to, false);
    }
  }

  // ------------------------------------------------------------------ buffer management

  private void makeRoom() throws IOException {
    if (lineStart > 0) {
      writePending(lineStart);
      shift(lineStart);
      return;
    }
    if (buf.length < MAX_BUFFER) {
      buf = Arrays.copyOf(buf, Math.min(MAX_BUFFER, buf.length * 2));
      return;
    }
    // One line fills the whole buffer: scrub most of it and keep the rest as context.
    lineWasLong = true;
    blocks.interrupt();
    int cut = applyRules(0, len, true);
    writePending(cut);
    int keepFrom = Math.max(0, cut - context);
    int kept = 0;
    for (int h = 0; h < hits; h++) {
      if (hitPos[h] >= keepFrom) {
        hitRule[kept] = hitRule[h];
        hitPos[kept] = hitPos[h];
        kept++;
      }
    }
    hits = kept;
    lineStart = keepFrom;
    shift(keepFrom);
  }

  private void shift(int d) {
    if (d == 0) {
      return;
    }
    System.arraycopy(buf, d, buf, 0, len - d);
    len -= d;
    scanned -= d;
    lineStart -= d;
    emitted -= d;
    for (int h = 0; h < hits; h++) {
      hitPos[h] -= d;
    }
  }

  private void writePending(int upTo) throws IOException {
    if (emitted < upTo) {
      out.write(buf, emitted, upTo - emitted);
      emitted = upTo;
    }
  }

  private void redact(int start, int end, int keep, String kind) throws IOException {
    int visible = Math.min(start + keep, end);
    writePending(visible);
    if (mac == null) {
      mac = fingerprinter.newMac();
    }
    String secret = new String(buf, start, end - start);
    out.write("[REDACTED:");
    out.write(kind);
    out.write(':');
    out.write(Fingerprinter.fingerprint(mac, secret));
    out.write(']');
    emitted = end;
  }

  // ------------------------------------------------------------------ rules

  /**
   * Runs the rules whose keywords occur in {@code [from, to)} and redacts what they find. For a
   * chunk of a long line ({@code partial}), only matches before the cut are applied, and the cut is
   * moved past any match that crosses it; returns the cut.
   */
  private int applyRules(int from, int to, boolean partial) throws IOException {
    collect(from, to);
    int cut = to;
    if (partial) {
      cut = to - overlap;
      cands.sortByMatch();
      for (int i = 0; i < cands.count(); i++) {
        int c = cands.inOrder(i);
        if (cands.matchStart(c) >= cut) {
          break;
        }
        if (!cands.accepted(c)) {
          continue;
        }
        cut = Math.max(cut, cands.matchEnd(c));
      }
    }
    cands.sortBySecret();
    int curStart = -1;
    int curEnd = -1;
    int curRule = -1;
    for (int i = 0; i < cands.count(); i++) {
      int c = cands.inOrder(i);
      int s = cands.start(c);
      int e = cands.end(c);
      if (!cands.accepted(c) || s < emitted || s >= cut || e > cut) {
        continue;
      }
      if (curStart >= 0 && s < curEnd) {
        curEnd = Math.max(curEnd, e);
        continue;
      }
      if (curStart >= 0) {
        Rule r = rules.get(curRule);
        redact(curStart, curEnd, r.keep(), r.kind());
      }
      curStart = s;
      curEnd = e;
      curRule = cands.rule(c);
    }
    if (curStart >= 0) {
      Rule r = rules.get(curRule);
      redact(curStart, curEnd, r.keep(), r.kind());
    }
    return cut;
  }

  /**
   * Runs each rule whose keyword occurs on windows around its keywords: windows of one rule that
   * touch are merged and searched in one pass, so dense keywords (crafted input) cost time linear
   * in the text, not in the number of keywords times the window.
   */
  private void collect(int from, int to) {
    cands.clear();
    if (!anyRuleMayMatch(from, to)) {
      return;
    }
    Arrays.fill(lastEnd, 0);
    Arrays.fill(spent, 0);
    int budget = (to - from) + 512;
    if (anyMarker) {
      inMarker.clear();
      anyMarker = false;
    }
    for (int h = 0; h < hits; h++) {
      if (hitRule[h] == markerRule) {
        addMarker(hitPos[h], to);
      }
    }
    sortHits();
    coveredUntil = 0;
    for (int h = 0; h < hits; h++) {
      int r = hitRule[h];
      if (r >= rules.size()) {
        continue;
      }
      int p = hitPos[h];
      if (p < from || p >= to || anyMarker && inMarker.get(p)) {
        continue;
      }
      Rule rule = rules.get(r);
      int ws = Math.max(from, p - rule.before());
      int we = Math.min(to, p + rule.after());
      if (ws >= we) {
        continue;
      }
      if (rule.anchored() && spent[r] <= budget) {
        // One attempt per keyword, skipping keywords inside this rule's last match. Past its
        // budget (dense keywords), the rule falls back to one search over merged windows.
        // A keyword inside a secret already found (by an earlier, more specific rule) adds
        // nothing.
        if (p < lastEnd[r]
            || p < coveredUntil && coveringRule < r
            || !rule.shape().admits(buf, p, we)) {
          continue;
        }
        Matcher m = matcher(r);
        m.reset(window.set(buf, p, we));
        boolean found = m.lookingAt();
        // A match that fills its window may go on (tokens glued together): widen and retry.
        for (int wider = rule.after() * 2;
            found && m.end() == we - p && we < to && wider <= rule.after() * 16;
            wider *= 2) {
          we = Math.min(to, p + wider);
          m.reset(window.set(buf, p, we));
          found = m.lookingAt();
        }
        if (found) {
          // A match cut off by its window may go on: the rule's next keyword inside it must
          // still run. A glued match may still count (see acceptGluedMatches): it hides
          // nothing either. A rejected one hides only its key name, never its value.
          boolean cutOff = m.end() == we - p && we < to;
          // A cut-off match may go on: let the keywords in its last stretch run again.
          int reach = cutOff ? Math.max(1, m.end() - CUT_OFF_MARGIN) : Math.max(1, m.end());
          int status = consider(r, rule, m, p, from, p + reach);
          if (status == ACCEPTED) {
            lastEnd[r] = p + reach;
          } else if (status == REJECTED) {
            int g = rule.secretGroup();
            lastEnd[r] = p + Math.max(1, g == 0 ? 1 : Math.max(m.start(g), 1));
          }
          spent[r] += m.end() + 16;
        } else {
          // How far RE2/J read before failing is unknown: count the whole window.
          spent[r] += we - p;
        }
        continue;
      }
      if (openStart[r] >= 0 && ws <= openEnd[r]) {
        openEnd[r] = Math.max(openEnd[r], we);
      } else {
        if (openStart[r] >= 0) {
          search(r, rule, openStart[r], openEnd[r], from);
        }
        openStart[r] = ws;
        openEnd[r] = we;
      }
    }
    for (int r = 0; r < rules.size(); r++) {
      if (openStart[r] >= 0) {
        search(r, rules.get(r), openStart[r], openEnd[r], from);
        openStart[r] = -1;
      }
    }
    cands.acceptGlued();
  }

  /**
   * Whether any keyword in {@code [from, to)} may lead to a match: its rule is searched in a window
   * (not anchored), or its shape admits the window {@link #collect} would give it. Most keywords in
   * logs fail their shape ("token" in a class name, a URL without a password); a line where all do
   * is passed on without the bookkeeping of {@code collect}, which could find nothing there.
   */
  private boolean anyRuleMayMatch(int from, int to) {
    for (int h = 0; h < hits; h++) {
      int r = hitRule[h];
      int p = hitPos[h];
      if (r >= rules.size() || p < from || p >= to) {
        continue; // our own markers only ever hide matches
      }
      Rule rule = rules.get(r);
      if (!rule.anchored()) {
        return true;
      }
      int we = Math.min(to, p + rule.after());
      if (p < we && rule.shape().admits(buf, p, we)) {
        return true;
      }
    }
    return false;
  }

  /** Orders the hits by position, then by rule order (the file lists specific rules first). */
  private void sortHits() {
    boolean sorted = true;
    for (int h = 1; h < hits && sorted; h++) {
      sorted =
          hitPos[h - 1] < hitPos[h] || hitPos[h - 1] == hitPos[h] && hitRule[h - 1] <= hitRule[h];
    }
    if (sorted) {
      return;
    }
    if (sortKeys.length < hits) {
      sortKeys = new long[hitRule.length];
    }
    for (int h = 0; h < hits; h++) {
      sortKeys[h] = ((long) hitPos[h] << 20) | hitRule[h];
    }
    Arrays.sort(sortKeys, 0, hits);
    for (int h = 0; h < hits; h++) {
      hitPos[h] = (int) (sortKeys[h] >>> 20);
      hitRule[h] = (int) (sortKeys[h] & 0xFFFFF);
    }
  }

  private void search(int r, Rule rule, int ws, int we, int from) {
    Matcher m = searchers[r];
    if (m == null) {
      m = rule.search().matcher("");
      searchers[r] = m;
    }
    m.reset(window.set(buf, ws, we));
    while (m.find()) {
      consider(r, rule, m, ws, from, ws + m.end() < we ? we : ws + m.end() - CUT_OFF_MARGIN);
    }
  }

  private Matcher matcher(int r) {
    Matcher m = matchers[r];
    if (m == null) {
      m = rules.get(r).pattern().matcher("");
      matchers[r] = m;
    }
    return m;
  }

  private static final int CUT_OFF_MARGIN = 64;
  private static final int REJECTED = 0;
  private static final int ACCEPTED = 1;
  private static final int GLUED = 2;

  /**
   * Adds the match as a candidate if it passes. Keywords of less specific rules before {@code
   * coverEnd} need not run.
   */
  private int consider(int r, Rule rule, Matcher m, int base, int from, int coverEnd) {
    int g = rule.secretGroup();
    int ss = m.start(g);
    int se = m.end(g);
    if (ss < 0 || se <= ss) {
      return REJECTED;
    }
    ss += base;
    se += base;
    // Inside one of our markers, or the public prefix kept in front of one: already scrubbed.
    if (anyMarker && (inMarker.get(ss) || inMarker.get(se))) {
      return REJECTED;
    }
    String secret = new String(buf, ss, se - ss);
    if (book.isAllowed(secret)) {
      return REJECTED;
    }
    int ms = base + m.start();
    int me = base + m.end();
    boolean glued = rule.boundary() && ms > from && RuleText.isAlnum(buf[ms - 1]);
    String keySuffix = "";
    if (g == 2 && m.start(1) >= 0) {
      keySuffix = new String(buf, base + m.start(1), m.end(1) - m.start(1));
    }
    if (!rule.check().accepts(new String(buf, ms, me - ms), secret, keySuffix)) {
      return REJECTED;
    }
    cands.add(r, ms, me, ss, se, glued);
    if (!glued && Math.min(se, coverEnd) > coveredUntil) {
      coveredUntil = Math.min(se, coverEnd);
      coveringRule = r;
    }
    return glued ? GLUED : ACCEPTED;
  }

  /** Our own markers: nothing inside {@code [REDACTED:kind:fingerprint]} is scrubbed again. */
  private void addMarker(int p, int to) {
    int end = Math.min(to, p + 120);
    int close = p;
    while (close < end && buf[close] != ']') {
      close++;
    }
    inMarker.set(p, close + 1);
    anyMarker = true;
  }
}
