package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartupTrainingTest {

  // The launcher drops the start-up cache when training fails, so a broken training run would
  // only show as slow starts; this makes it show here.
  @Test
  void theTrainingRunCompletesQuietlyAndGivesStandardOutputBack() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(seen, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    try {
      StartupTraining.main(new String[0]);
      assertThat(System.out).isSameAs(capture);
    } finally {
      System.setOut(original);
    }
    assertThat(seen.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
