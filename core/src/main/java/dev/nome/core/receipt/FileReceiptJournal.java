package dev.nome.core.receipt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ReceiptJournal} in one append-only file of JSON lines, each {@code {"receipt":…}} or
 * {@code {"signature":…}}, forced to stable storage before {@link #append} returns.
 */
public final class FileReceiptJournal implements ReceiptJournal, AutoCloseable {

  private final FileChannel channel;

  public FileReceiptJournal(Path file) throws IOException {
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Opens {@code file} held by this process alone: an operating-system lock, let go of when the
   * journal is closed or the process dies. Another process that can take the lock knows that no
   * live run writes the journal any more.
   *
   * @throws IOException also when another live journal holds the file
   */
  public static FileReceiptJournal openHeld(Path file) throws IOException {
    FileReceiptJournal journal = new FileReceiptJournal(file);
    FileLock lock;
    try {
      lock = journal.channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
    if (lock == null) {
      journal.close();
      throw new IOException("the journal " + file.getFileName() + " is held by a live run");
    }
    return journal;
  }

  @Override
  public synchronized void append(ChainedReceipt receipt, Optional<ChainSignature> signature)
      throws IOException {
    StringBuilder lines = new StringBuilder(1024);
    TreeMap<String, Object> r = new TreeMap<>();
    r.put("receipt", ReceiptJson.toMap(receipt));
    CanonicalJson.write(lines, r);
    lines.append('\n');
    if (signature.isPresent()) {
      TreeMap<String, Object> s = new TreeMap<>();
      s.put("signature", signature.get().toMap());
      CanonicalJson.write(lines, s);
      lines.append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    channel.force(false);
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
