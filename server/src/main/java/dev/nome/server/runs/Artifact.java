package dev.nome.server.runs;

import java.time.Instant;

/**
 * A stored artifact's metadata; size and digest are of the stored, scrubbed bytes.
 *
 * @param sha256 lower-case hex
 */
public record Artifact(
    String runId, String name, String mediaType, long size, String sha256, Instant createdAt) {}
