package dev.nome.server.runs;

import dev.nome.server.vault.Provider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which provider a model id clearly belongs to, from {@code model-families.txt}. The vault keeps no
 * model list per key, so "allowed for the key" means: any model id, unless it is clearly another
 * provider's (then the route fails as model-unavailable rather than sending, say, a GPT model name
 * to Anthropic). OpenAI-compatible keys accept every model id.
 */
public final class ModelFamilies {

  private record Family(Provider provider, String prefix) {}

  private final List<Family> families;

  private ModelFamilies(List<Family> families) {
    this.families = List.copyOf(families);
  }

  /** The shipped knowledge. */
  public static ModelFamilies load() {
    try (InputStream in = ModelFamilies.class.getResourceAsStream("model-families.txt")) {
      if (in == null) {
        throw new IllegalStateException("model-families.txt is missing from the build");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ModelFamilies parse(BufferedReader reader) throws IOException {
    List<Family> out = new ArrayList<>();
    String line;
    int n = 0;
    while ((line = reader.readLine()) != null) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] parts = t.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalStateException("model-families.txt line " + n + ": want PROVIDER PREFIX");
      }
      Optional<Provider> p = Provider.parse(parts[0]);
      if (p.isEmpty()) {
        throw new IllegalStateException(
            "model-families.txt line " + n + ": unknown provider " + parts[0]);
      }
      out.add(new Family(p.get(), parts[1].toLowerCase(Locale.ROOT)));
    }
    return new ModelFamilies(out);
  }

  /** The provider whose model ids start like {@code model}, if the file knows one. */
  public Optional<Provider> ownerOf(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    return families.stream()
        .filter(f -> m.startsWith(f.prefix()))
        .map(Family::provider)
        .findFirst();
  }

  /** Whether a key for {@code provider} may be asked for {@code model}. */
  public boolean allows(Provider provider, String model) {
    if (provider == Provider.OPENAI_COMPATIBLE) {
      return true;
    }
    return ownerOf(model).map(owner -> owner == provider).orElse(true);
  }
}
