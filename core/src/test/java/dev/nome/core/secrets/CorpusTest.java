package dev.nome.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The scrubber against the committed corpus (see {@link CorpusGenerator}): recall over positive
 * lines, false positives over negative lines, private key blocks and public blocks. Prints the
 * figures.
 */
class CorpusTest {

  static final SecretScrubber SCRUBBER = SecretScrubber.create(new byte[32]);

  static List<String> lines(String name) throws IOException {
    try (InputStream in = CorpusTest.class.getResourceAsStream("corpus/" + name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      for (String l : text.split("\n", -1)) {
        if (!l.startsWith("# ")) {
          out.add(l);
        }
      }
      if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
        out.remove(out.size() - 1);
      }
      return out;
    }
  }

  /** A secret is removed only if no 8-character piece of its body survives. */
  static boolean removed(String body, String output) {
    for (int i = 0; i + 8 <= body.length(); i++) {
      if (output.contains(body.substring(i, i + 8))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void recallOverPositiveLinesIsAtLeast995PerMille() throws IOException {
    List<String> lines = lines("positive.tsv");
    int secrets = 0;
    int caught = 0;
    Set<String> kinds = new TreeSet<>();
    List<String> missed = new ArrayList<>();
    for (String l : lines) {
      String[] f = l.split("\t", 3);
      kinds.add(f[0]);
      String out = SCRUBBER.scrub(f[2]).value();
      for (String body : f[1].split(" ")) {
        secrets++;
        if (removed(body, out)) {
          caught++;
        } else {
          missed.add(f[0] + ": " + out);
        }
      }
    }
    double recall = 100.0 * caught / secrets;
    System.out.printf(
        "secret corpus: %d positive lines, %d secrets of %d kinds, recall %.2f%% (%d missed)%n",
        lines.size(), secrets, kinds.size(), recall, secrets - caught);
    missed.stream().limit(20).forEach(m -> System.out.println("  missed " + m));
    assertThat(lines).hasSizeGreaterThanOrEqualTo(1000);
    assertThat(recall).isGreaterThanOrEqualTo(99.5);
  }

  @Test
  void theCorpusCoversEveryKind() throws IOException {
    Set<String> kinds = new TreeSet<>();
    for (String l : lines("positive.tsv")) {
      kinds.add(l.split("\t", 2)[0]);
    }
    kinds.addAll(List.of(RuleBook.PGP, RuleBook.PEM, RuleBook.OPENSSH)); // also in key-blocks.txt
    assertThat(kinds).containsAll(SCRUBBER.kinds());
    assertThat(SCRUBBER.kinds()).hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void falsePositivesOverNegativeLinesAreAtMostHalfAPercent() throws IOException {
    List<String> lines = lines("negative.txt");
    List<String> changed = new ArrayList<>();
    for (String l : lines) {
      String out = SCRUBBER.scrub(l).value();
      if (!out.equals(l)) {
        changed.add(out);
      }
    }
    double rate = 100.0 * changed.size() / lines.size();
    System.out.printf(
        "secret corpus: %d negative lines, %d changed, false-positive rate %.2f%%%n",
        lines.size(), changed.size(), rate);
    changed.stream().limit(20).forEach(c -> System.out.println("  changed " + c));
    assertThat(lines).hasSizeGreaterThanOrEqualTo(1000);
    assertThat(rate).isLessThanOrEqualTo(0.5);
  }

  /** name -> [body line numbers, text]. */
  static Map<String, Object[]> cases(String file) throws IOException {
    Map<String, Object[]> cases = new LinkedHashMap<>();
    String name = null;
    List<Integer> body = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String l : lines(file)) {
      if (l.startsWith("##### ")) {
        if (name != null) {
          cases.put(name, new Object[] {body, text.toString()});
        }
        String[] f = l.substring(6).split(" ");
        name = f[0];
        body = new ArrayList<>();
        if (f.length > 1 && f[1].startsWith("body=")) {
          for (String n : f[1].substring(5).split(",")) {
            body.add(Integer.parseInt(n));
          }
        }
        text = new StringBuilder();
      } else {
        text.append(l).append('\n');
      }
    }
    cases.put(name, new Object[] {body, text.toString()});
    return cases;
  }

  /** Feeds the text in random pieces, as a process's output arrives. */
  static String scrubInPieces(String text, Random rnd) throws IOException {
    StringWriter out = new StringWriter();
    try (ScrubbingWriter w = SCRUBBER.wrap(out)) {
      int i = 0;
      while (i < text.length()) {
        int n = Math.min(text.length() - i, 1 + rnd.nextInt(90));
        w.write(text, i, n);
        i += n;
      }
    }
    return out.toString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyPrivateKeyBlockIsRemovedWholeAlsoWhenSplitAcrossWrites() throws IOException {
    Map<String, Object[]> cases = cases("key-blocks.txt");
    Random rnd = new Random(7);
    int removedBlocks = 0;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Object[]> c : cases.entrySet()) {
      List<Integer> body = (List<Integer>) c.getValue()[0];
      String text = (String) c.getValue()[1];
      String[] in = text.split("\n", -1);
      boolean ok = true;
      for (String out : List.of(SCRUBBER.scrub(text).value(), scrubInPieces(text, rnd))) {
        String[] o = out.split("\n", -1);
        assertThat(o).as(c.getKey()).hasSameSizeAs(in);
        for (int i = 0; i < in.length; i++) {
          if (body.contains(i)) {
            String run = in[i].replaceAll("^.*?([A-Za-z0-9+/=]+)$", "$1");
            if (!removed(run, o[i])) {
              ok = false;
              failures.add(c.getKey() + " line " + i + ": " + o[i]);
            }
          } else if (!in[i].startsWith("Private-MAC")) {
            // Everything that is not key body passes: BEGIN/END lines, headers, the next block.
            if (!o[i].equals(in[i])) {
              ok = false;
              failures.add(c.getKey() + " line " + i + " changed: " + o[i]);
            }
          }
        }
      }
      if (ok) {
        removedBlocks++;
      }
    }
    System.out.printf(
        "secret corpus: %d private key blocks, %d removed whole%n", cases.size(), removedBlocks);
    failures.stream().limit(20).forEach(f -> System.out.println("  " + f));
    assertThat(failures).isEmpty();
  }

  @Test
  void publicBlocksPassUnchanged() throws IOException {
    Map<String, Object[]> cases = cases("public-blocks.txt");
    Random rnd = new Random(11);
    int unchanged = 0;
    for (Map.Entry<String, Object[]> c : cases.entrySet()) {
      String text = (String) c.getValue()[1];
      assertThat(SCRUBBER.scrub(text).value()).as(c.getKey()).isEqualTo(text);
      assertThat(scrubInPieces(text, rnd)).as(c.getKey()).isEqualTo(text);
      unchanged++;
    }
    System.out.printf(
        "secret corpus: %d public blocks (certificates, public keys), %d unchanged%n",
        cases.size(), unchanged);
  }
}
