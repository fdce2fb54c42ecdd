package dev.nome.server.approvals;

import dev.nome.core.Tier;
import dev.nome.core.secrets.ScrubbedText;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a host asks to be approved, checked and scrubbed.
 *
 * @param workItemId the work item the run belongs to; opaque here
 * @param ttl how long people have to decide; the policy sets it, default {@link #DEFAULT_TTL}
 */
public record NewApproval(
    Optional<String> workItemId,
    String runId,
    String tool,
    Tier tier,
    ScrubbedText action,
    ScrubbedText reason,
    Duration ttl) {

  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  public static final Duration MIN_TTL = Duration.ofSeconds(1);
  public static final Duration MAX_TTL = Duration.ofHours(24);
  public static final int MAX_ACTION_CHARS = 16_000;
  public static final int MAX_REASON_CHARS = 2_000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
  private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9._:\\-/]{1,64}");

  public NewApproval {
    Objects.requireNonNull(workItemId, "workItemId");
    workItemId.ifPresent(w -> requireMatch("work item id", w, ID));
    requireMatch("run id", runId, ID);
    requireMatch("tool", tool, TOOL);
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    if (action.isEmpty() || action.length() > MAX_ACTION_CHARS) {
      throw new IllegalArgumentException(
          "the action must have 1 to " + MAX_ACTION_CHARS + " characters");
    }
    if (reason.length() > MAX_REASON_CHARS) {
      throw new IllegalArgumentException(
          "the reason must have at most " + MAX_REASON_CHARS + " characters");
    }
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("the expiry must be between 1 second and 24 hours");
    }
  }

  private static void requireMatch(String what, String value, Pattern p) {
    if (value == null || !p.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "the " + what + " must be 1 to 128 letters, digits or . _ : - characters");
    }
  }
}
