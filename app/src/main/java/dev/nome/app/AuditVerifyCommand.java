package dev.nome.app;

import dev.nome.core.receipt.BundleVerifier;
import dev.nome.core.receipt.Verification;
import dev.nome.core.secrets.SecretScrubber;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nome audit verify FILE}: checks a bundle offline. Exit 0 only when everything holds;
 * otherwise exit 1 and one line naming the first bad receipt and what is wrong with it.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Check an audit bundle offline; exit 0 only when everything holds.")
final class AuditVerifyCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The bundle to check.")
  Path file;

  @Option(
      names = "--log-key",
      description =
          "The audit log's public key (base64, from /api/audit/checkpoint) to trust; without it"
              + " the bundle's own key is used.")
  String logKey;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Optional<byte[]> trusted =
        logKey == null ? Optional.empty() : Optional.of(BundleVerifier.publicKeyFromBase64(logKey));
    Verification result;
    try {
      result = verify(file, trusted);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file + " does not exist");
    }
    switch (result) {
      case Verification.Verified v -> {
        spec.commandLine()
            .getOut()
            .println(
                "Verified: "
                    + v.runs()
                    + (v.runs() == 1 ? " run, " : " runs, ")
                    + v.receipts()
                    + " receipts, in the audit log at size "
                    + v.logSize()
                    + ".");
        if (trusted.isEmpty()) {
          spec.commandLine()
              .getOut()
              .println(
                  "Note: the log key was not given (--log-key), so the bundle's own key was"
                      + " trusted.");
        }
        return 0;
      }
      case Verification.Failed f -> {
        spec.commandLine()
            .getErr()
            .println("nome: " + file + " does not verify: " + f.problem().describe());
        return 1;
      }
    }
  }

  /** Checks the bundle in {@code file} offline, trusting {@code logKey} when given. */
  static Verification verify(Path file, Optional<byte[]> logKey) throws IOException {
    // Receipts pass the scrubber again while they are read. Its fingerprint key only names
    // secrets it finds, and any find already fails verification, so a throw-away key will do.
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    SecretScrubber scrubber = SecretScrubber.create(key);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return new BundleVerifier(scrubber::scrub, logKey).verify(in);
    }
  }
}
