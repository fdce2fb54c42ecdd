package dev.nome.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version of this build, read from a resource Maven fills in. */
public final class NomeVersion implements IVersionProvider {

  private static final String VERSION = load();

  public static String get() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"nome " + VERSION};
  }

  private static String load() {
    try (InputStream in = NomeVersion.class.getResourceAsStream("/nome-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
