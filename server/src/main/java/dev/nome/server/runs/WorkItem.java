package dev.nome.server.runs;

import java.time.Instant;

/**
 * A task that runs work on. Title and description were scrubbed before they were stored.
 *
 * @param createdBy the username of the person, or {@code host:<name>} when a runner created it
 */
public record WorkItem(
    String id,
    String accountId,
    String title,
    String description,
    String createdBy,
    Instant createdAt) {}
