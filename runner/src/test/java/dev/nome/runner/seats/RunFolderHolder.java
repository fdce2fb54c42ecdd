package dev.nome.runner.seats;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests only: a process that holds a seat run's folder, as a live {@code nome run} does, until it
 * is killed. Arguments: the seats folder and the run id. Prints {@link #HELD} once it holds it.
 */
public final class RunFolderHolder {

  public static final String HELD = "holding the run folder";

  private RunFolderHolder() {}

  public static void main(String[] args) throws Exception {
    RunFolder folder = RunFolder.claim(Path.of(args[0]), args[1]);
    Files.createDirectories(folder.path());
    Files.writeString(folder.path().resolve("session.jsonl"), "what the CLI keeps");
    System.out.println(HELD);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // until killed: the system then lets go of the lock
  }
}
