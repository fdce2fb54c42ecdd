package dev.nome.app;

import dev.nome.core.secrets.SecretScrubber;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run the launcher makes once after a build, under {@code -XX:AOTCacheOutput}: the JVM
 * keeps every class it loads and links here (and how hot methods ran) in a cache that later starts
 * skip. It touches what the short-lived commands need: the whole command tree, the scrubber's rules
 * and automaton, and the shell classifier. Writes nothing to disk and nothing anyone reads.
 */
final class StartupTraining {

  private StartupTraining() {}

  // Shaped like tool output, with secrets of a few kinds so the redaction paths load too.
  private static final String SAMPLE =
      """
      [INFO] Building nome-core 0.1.0 (jar)
      export GITHUB_TOKEN=ghp_000000000000000000000000000000000000 DEBUG=1
      Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0cmFpbmluZyJ9.c2lnbmF0dXJlLXRyYWluaW5n
      postgresql://app:Tr4iningPassw0rd@db.internal:5432/app
      -----BEGIN OPENSSH PRIVATE KEY-----
      b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
      -----END OPENSSH PRIVATE KEY-----
      ok 1 - parses 1,204 files in 3.2 s (sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08)
      """;

  public static void main(String[] args) throws IOException {
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      Main.commandLine().getUsageMessage();
      Main.run("--version");
      Main.run("classify", "git status && rm -rf build | tee log.txt");
      SecretScrubber scrubber = SecretScrubber.create(new byte[32]);
      for (int i = 0; i < 200; i++) {
        scrubber.scrub(SAMPLE);
      }
    } finally {
      System.setOut(stdout);
    }
  }
}
