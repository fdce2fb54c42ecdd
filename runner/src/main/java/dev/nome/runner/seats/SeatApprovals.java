package dev.nome.runner.seats;

import dev.nome.runner.approvals.ApprovalClient;
import dev.nome.runner.approvals.ApprovalDecision;
import dev.nome.runner.gate.ApprovalBusy;
import dev.nome.runner.gate.ApprovalDeferred;
import dev.nome.runner.gate.Approvals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How a seat asks a person: the first time a call needs one, the request is raised and the call
 * held (the CLI pauses on it, or it is denied with word that it waits) instead of holding a hook
 * open for minutes; the run then waits for the answer ({@link #awaitDeferred}), resumes the CLI,
 * and when the CLI asks about the same call again (known by its key) the answer decides it. One
 * call waits at a time: a second call needing a person while one waits is refused, and the model
 * may ask again.
 */
public final class SeatApprovals implements Approvals {

  private final ApprovalClient client;
  private final Consumer<String> raisedNotice;
  private final ThreadLocal<String> currentCall = new ThreadLocal<>();
  private final Map<String, ApprovalClient.Raised> waiting = new LinkedHashMap<>();
  private final Map<String, ApprovalDecision> answered = new LinkedHashMap<>();

  /**
   * @param raisedNotice told each request id as it is raised (for the terminal)
   */
  public SeatApprovals(ApprovalClient client, Consumer<String> raisedNotice) {
    this.client = client;
    this.raisedNotice = raisedNotice;
  }

  /** One answer a person gave, with the key of the call it answers. */
  public record Answer(String callKey, ApprovalDecision decision) {}

  /** Runs {@code work} (the gate's decision) for the CLI's call known by {@code callId}. */
  public <T> T forCall(String callId, Supplier<T> work) {
    currentCall.set(callId);
    try {
      return work.get();
    } finally {
      currentCall.remove();
    }
  }

  @Override
  public ApprovalDecision raiseAndAwait(ApprovalClient.Ask ask)
      throws IOException, InterruptedException {
    String call = currentCall.get();
    if (call == null) {
      throw new IllegalStateException("a seat's approval outside one of its calls");
    }
    synchronized (this) {
      ApprovalDecision answer = answered.remove(call);
      if (answer != null) {
        return answer;
      }
      if (!waiting.isEmpty()) {
        throw new ApprovalBusy();
      }
    }
    ApprovalClient.Raised raised = client.raise(ask);
    raisedNotice.accept(raised.id());
    synchronized (this) {
      waiting.put(call, raised);
    }
    throw new ApprovalDeferred(raised.id());
  }

  /** Whether a call waits for a person. */
  public synchronized boolean hasWaiting() {
    return !waiting.isEmpty();
  }

  /**
   * Waits for the answers to the waiting calls (expiry and lost contact are answers too: denials).
   * A refused device token is a {@code RevokedException}.
   */
  public List<Answer> awaitDeferred() throws IOException, InterruptedException {
    Map<String, ApprovalClient.Raised> now;
    synchronized (this) {
      now = new LinkedHashMap<>(waiting);
    }
    List<Answer> answers = new ArrayList<>();
    for (var e : now.entrySet()) {
      ApprovalDecision d = client.await(e.getValue());
      synchronized (this) {
        waiting.remove(e.getKey());
        answered.put(e.getKey(), d);
      }
      answers.add(new Answer(e.getKey(), d));
    }
    return answers;
  }

  /**
   * What a CLI that was denied while a call waited is told when it resumes: what people decided,
   * and to make the call again if it was approved.
   */
  public static String retryMessage(List<Answer> answers) {
    StringBuilder m = new StringBuilder("NOME:");
    for (Answer a : answers) {
      // A retried call is known by what it asks (Admissions.key): the tool and its input.
      m.append(a.decision().allows() ? " A person approved the call " : " The call ")
          .append(a.callKey())
          .append(a.decision().allows() ? "." : " was not approved.");
    }
    return m.append(
            " If a call was approved, make exactly the same call again now; if it was not, do not"
                + " try it another way.")
        .toString();
  }
}
