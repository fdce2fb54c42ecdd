package dev.nome.core.route;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a run stopped before its task was done. Every fail-closed path names one of these, so the
 * terminal, the web UI and the receipts say the same thing.
 */
public enum StopReason {
  KEY_MISSING,
  KEY_REMOVED,
  MODEL_UNAVAILABLE,
  PROVIDER_AUTH_FAILED,
  PROVIDER_UNAVAILABLE,
  PROVIDER_RATE_LIMITED,
  SEAT_NOT_INSTALLED,
  SEAT_SIGNED_OUT,
  APPROVAL_EXPIRED,
  APPROVAL_DENIED_STOP,
  HOST_REVOKED,
  AUDIT_UNAVAILABLE,
  CONTROL_PLANE_UNREACHABLE,
  BUDGET_EXHAUSTED,
  CANCELLED,
  INTERNAL_ERROR;

  /** The code used on the wire and in receipts, e.g. {@code key-removed}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<StopReason> parse(String code) {
    return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
  }
}
