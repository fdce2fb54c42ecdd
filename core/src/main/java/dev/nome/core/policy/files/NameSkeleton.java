package dev.nome.core.policy.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The form in which a path segment is compared with protected names, so that look-alikes of a
 * protected name are protected too: NFKC (fullwidth and compatibility letters become plain ones),
 * lower case, accents and invisible characters removed, and letters from other scripts that imitate
 * Latin ones (lookalikes.tsv) mapped to the Latin letter. {@code .SSH}, {@code ．ｓｓｈ} and {@code
 * .ѕsh} (Cyrillic dze) all have the skeleton {@code .ssh}.
 */
public final class NameSkeleton {

  private static final Map<Integer, String> LOOKALIKES = load();

  private NameSkeleton() {}

  /** The skeleton of one path segment (or of a glob segment: {@code *} and {@code ?} survive). */
  public static String of(String segment) {
    if (isPlainLowerAscii(segment)) {
      return segment;
    }
    String folded = Normalizer.normalize(segment, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    String decomposed = Normalizer.normalize(folded, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .forEach(
            cp -> {
              int type = Character.getType(cp);
              if (type == Character.NON_SPACING_MARK
                  || type == Character.ENCLOSING_MARK
                  || type == Character.FORMAT
                  || cp == 0x034F
                  || (cp >= 0xFE00 && cp <= 0xFE0F)) {
                return; // combining marks, zero-width and other invisible characters
              }
              String latin = LOOKALIKES.get(cp);
              if (latin != null) {
                out.append(latin);
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  private static boolean isPlainLowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  private static Map<Integer, String> load() {
    Map<Integer, String> map = new HashMap<>();
    try (InputStream in =
        NameSkeleton.class.getResourceAsStream("/dev/nome/core/policy/lookalikes.tsv")) {
      if (in == null) {
        throw new IllegalStateException("missing resource lookalikes.tsv");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        map.put(Integer.parseInt(f[0].strip(), 16), f[1].strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(map);
  }
}
