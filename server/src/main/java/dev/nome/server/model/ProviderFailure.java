package dev.nome.server.model;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider call that did not give an answer. The message is a short summary already cleared of
 * the key and of anything the scrubber recognizes; it is safe to log and to send to the runner.
 */
public final class ProviderFailure extends Exception {

  /** What kind of failure, which decides retrying and the run's stop reason. */
  public enum Kind {
    /** 401/403: the key is refused. Never retried. */
    AUTH(false),
    /** 429 (or a rate-limit error in the stream). Retried with backoff. */
    RATE_LIMITED(true),
    /** 5xx, 529, a timeout, a broken connection or a broken stream. Retried with backoff. */
    UNAVAILABLE(true),
    /** 404: the provider does not offer the model. Never retried. */
    MODEL(false),
    /** Any other refusal (400, 413, 422…). Never retried: the same request would fail again. */
    REFUSED(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final int status;
  private final Optional<Duration> retryAfter;

  public ProviderFailure(Kind kind, int status, Optional<Duration> retryAfter, String summary) {
    super(summary, null, false, false);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The provider's HTTP status, or 0 when there was none (timeout, connection). */
  public int status() {
    return status;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /** The kind an HTTP status means. */
  public static Kind kindOf(int status) {
    return switch (status) {
      case 401, 403 -> Kind.AUTH;
      case 429 -> Kind.RATE_LIMITED;
      case 404 -> Kind.MODEL;
      case 408, 409 -> Kind.UNAVAILABLE;
      default -> status >= 500 ? Kind.UNAVAILABLE : Kind.REFUSED;
    };
  }
}
