package dev.nome.app;

import dev.nome.core.secrets.FingerprintKey;
import dev.nome.core.secrets.SecretScrubber;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nome scrub}: copies stdin to stdout with every secret replaced by {@code
 * [REDACTED:<kind>:<fingerprint>]}, byte for byte otherwise and with exactly the same lines.
 */
@Command(
    name = "scrub",
    mixinStandardHelpOptions = true,
    description = {
      "Copy standard input to standard output with secrets redacted.",
      "Fingerprints use the key in $"
          + FingerprintKey.ENV
          + " (hex) if set, else ~/.nome/fingerprint.key (created 0600 on first use)."
    })
final class ScrubCommand implements Callable<Integer> {

  @Option(
      names = "--key-file",
      description = "Fingerprint key file to use (hex; created 0600 if missing).")
  Path keyFile;

  @Option(names = "--list-kinds", description = "Print the kinds of secret recognized, then exit.")
  boolean listKinds;

  InputStream in = new FileInputStream(FileDescriptor.in);
  OutputStream out = new FileOutputStream(FileDescriptor.out);

  @Override
  public Integer call() throws Exception {
    SecretScrubber scrubber = SecretScrubber.create(key());
    if (listKinds) {
      OutputStream o = new BufferedOutputStream(out);
      for (String kind : scrubber.kinds()) {
        o.write((kind + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      o.flush();
      return 0;
    }
    OutputStream o = new BufferedOutputStream(out, 1 << 16);
    scrubber.scrub(in, o);
    o.flush();
    return 0;
  }

  private byte[] key() throws Exception {
    if (keyFile != null) {
      return FingerprintKey.loadOrCreate(keyFile);
    }
    String env = System.getenv(FingerprintKey.ENV);
    if (env != null && !env.isBlank()) {
      return FingerprintKey.parseHex(env);
    }
    return FingerprintKey.loadOrCreate(
        Path.of(System.getProperty("user.home"), ".nome", "fingerprint.key"));
  }
}
