package dev.nome.runner.model;

import dev.nome.core.route.StopReason;

/** The model could not answer; the run stops with {@link #reason()} and never changes route. */
public final class ModelException extends Exception {
  private final StopReason reason;

  public ModelException(StopReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public StopReason reason() {
    return reason;
  }
}
