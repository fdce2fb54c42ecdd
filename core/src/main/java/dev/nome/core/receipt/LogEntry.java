package dev.nome.core.receipt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a run's head sits in the audit log, as a bundle carries it: the leaf's index and content,
 * the checkpoint the control plane signed when it accepted that head, the inclusion proof of the
 * leaf under the bundle's checkpoint, and the consistency proof from the acceptance checkpoint to
 * the bundle's checkpoint (which shows the log was only appended to since).
 */
public record LogEntry(
    long index,
    RunHead head,
    Checkpoint accepted,
    List<Digest> inclusion,
    List<Digest> consistency) {

  public LogEntry {
    if (index < 0) {
      throw new IllegalArgumentException("leaf index out of range");
    }
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(accepted, "accepted");
    inclusion = List.copyOf(inclusion);
    consistency = List.copyOf(consistency);
  }

  public TreeMap<String, Object> toMap() {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("index", index);
    m.put("head", head.toMap());
    m.put("accepted", accepted.toMap());
    m.put("inclusion", inclusion.stream().map(Digest::hex).toList());
    m.put("consistency", consistency.stream().map(Digest::hex).toList());
    return m;
  }

  public static LogEntry fromMap(Object json) {
    Fields f = new Fields("log entry", json);
    LogEntry e =
        new LogEntry(
            f.integer("index"),
            RunHead.fromMap(f.object("head").raw()),
            Checkpoint.fromMap(f.object("accepted").raw()),
            digests(f.list("inclusion")),
            digests(f.list("consistency")));
    f.done();
    return e;
  }

  static List<Digest> digests(List<?> list) {
    List<Digest> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new ReceiptFormatException("a proof is a list of hex digests");
      }
      try {
        out.add(Digest.parse(s));
      } catch (IllegalArgumentException e) {
        throw new ReceiptFormatException("a proof is a list of hex digests");
      }
    }
    return out;
  }
}
