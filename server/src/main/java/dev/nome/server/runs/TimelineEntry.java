package dev.nome.server.runs;

import java.time.Instant;
import java.util.Optional;

/**
 * One receipt of a run as the run page shows it. Text fields come from receipts decoded through the
 * scrubber; the page escapes them.
 *
 * @param kind the receipt's type ({@code tool}, {@code tool_intent}, {@code route}, …)
 * @param tool the tool's name for tool receipts and approvals
 * @param tier read, write or danger, for tool receipts, intents and approvals
 * @param decision allowed, denied, approved, rejected or expired
 * @param approval the approval request that decided the call, when a person did
 * @param durationMillis how long a tool call ran
 * @param success whether a tool call succeeded
 * @param summary the input, output summary or other detail of the receipt
 */
public record TimelineEntry(
    long seq,
    Instant at,
    String kind,
    Optional<String> tool,
    Optional<String> tier,
    Optional<String> decision,
    Optional<String> approval,
    Optional<Long> durationMillis,
    Optional<Boolean> success,
    String input,
    String summary) {}
