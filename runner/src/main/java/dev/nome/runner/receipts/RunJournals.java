package dev.nome.runner.receipts;

import dev.nome.core.receipt.ChainSignature;
import dev.nome.core.receipt.ChainedReceipt;
import dev.nome.core.receipt.FileReceiptJournal;
import dev.nome.core.receipt.Ids;
import dev.nome.core.receipt.JsonValues;
import dev.nome.core.receipt.ReceiptJson;
import dev.nome.core.secrets.ScrubbedText;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The local journals of runs: one JSON-lines file per run in the queue folder ({@code
 * ~/.nome/queue/<run>.jsonl}, folder 0700), written by {@link FileReceiptJournal} and read back
 * here, for uploading after a restart and for checking what was recorded.
 */
public final class RunJournals {

  /** What one journal holds, in order. */
  public record Contents(List<ChainedReceipt> receipts, List<ChainSignature> signatures) {}

  /** How every line starts: canonical JSON of {@code {"receipt":…}} or {@code {"signature":…}}. */
  private static final List<String> LINE_STARTS = List.of("{\"receipt\":", "{\"signature\":");

  private RunJournals() {}

  /** The journal file of {@code runId} under {@code queueDir}. */
  public static Path file(Path queueDir, String runId) {
    return queueDir.resolve(Ids.check("run id", runId).replace('/', '_') + ".jsonl");
  }

  /** Opens (creating the folder as 0700 when missing) the journal of {@code runId}. */
  public static FileReceiptJournal open(Path queueDir, String runId) throws IOException {
    if (!Files.isDirectory(queueDir)) {
      Files.createDirectories(
          queueDir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return FileReceiptJournal.openHeld(file(queueDir, runId));
  }

  /**
   * Whether a live run still writes {@code file}: its lock ({@link FileReceiptJournal#openHeld})
   * cannot be taken. Anything that keeps this from being known counts as live.
   */
  public static boolean heldByALiveRun(Path file) {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // held by a journal of this very process
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /**
   * Reads a journal back; every content field passes {@code scrubber} again, as on the server. A
   * last line cut short by a crash is left out; a line that cannot be read with more lines after it
   * is damage, not a crash, and is an {@link IOException} (so is a line of another shape).
   */
  public static Contents read(Path file, Function<String, ScrubbedText> scrubber)
      throws IOException {
    List<ChainedReceipt> receipts = new ArrayList<>();
    List<ChainSignature> signatures = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      int torn = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        if (torn > 0) {
          throw new IOException(file.getFileName() + ": line " + torn + " is not a journal line");
        }
        Object json;
        try (var p = JsonValues.FACTORY.createParser(line)) {
          p.nextToken();
          json = JsonValues.read(p);
        } catch (IOException | RuntimeException e) {
          if (!couldBeTorn(line)) {
            throw new IOException(
                file.getFileName() + ": line " + number + " is not a journal line");
          }
          torn = number; // a torn last line, unless more follow
          continue;
        }
        if (json instanceof Map<?, ?> m && m.containsKey("receipt")) {
          receipts.add(ReceiptJson.fromMap(m.get("receipt"), scrubber));
        } else if (json instanceof Map<?, ?> m && m.containsKey("signature")) {
          signatures.add(ChainSignature.fromMap(m.get("signature")));
        } else {
          throw new IOException(file.getFileName() + ": line " + number + " is not a journal line");
        }
      }
    }
    return new Contents(List.copyOf(receipts), List.copyOf(signatures));
  }

  /** Whether {@code line} can be the start of a journal line that a crash cut short. */
  private static boolean couldBeTorn(String line) {
    for (String start : LINE_STARTS) {
      if (line.startsWith(start) || start.startsWith(line)) {
        return true;
      }
    }
    return false;
  }
}
