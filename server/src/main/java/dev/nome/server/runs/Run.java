package dev.nome.server.runs;

import java.time.Instant;
import java.util.Optional;

/**
 * One agent run on one paired host. Content fields (task, step, stop message) were scrubbed before
 * they were stored.
 *
 * @param route the route as written, e.g. {@code byok:work/claude-sonnet-4-5}
 * @param keyName the vault key's name for byok routes
 * @param stopReason a typed code of {@link dev.nome.core.route.StopReason}
 */
public record Run(
    String id,
    String workItemId,
    String hostId,
    String accountId,
    String route,
    RunRoute routeRecord,
    Optional<String> keyName,
    String workspace,
    String role,
    String task,
    RunState status,
    Optional<String> stopReason,
    Optional<String> stopMessage,
    Optional<String> step,
    long inputTokens,
    long outputTokens,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> endedAt) {}
