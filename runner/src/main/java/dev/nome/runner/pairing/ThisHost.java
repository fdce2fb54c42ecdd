package dev.nome.runner.pairing;

import java.net.InetAddress;
import java.util.Locale;

/** What this host says about itself when pairing: name, OS and user, shown to the approver. */
public record ThisHost(String name, String os, String user) {

  public static ThisHost describe(String nameOverride) {
    String name = nameOverride;
    if (name == null || name.isBlank()) {
      name = System.getenv("HOSTNAME");
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        // keep the environment's name
      }
    }
    if (name == null || name.isBlank()) {
      name = "this-computer";
    }
    String os =
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return new ThisHost(clip(name), clip(os), clip(System.getProperty("user.name", "unknown")));
  }

  private static String clip(String s) {
    String t = s.strip().replaceAll("\\p{Cntrl}", "");
    return t.length() > 64 ? t.substring(0, 64) : t;
  }
}
