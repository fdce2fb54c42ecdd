package dev.nome.server.vault;

import java.time.Instant;
import java.util.Optional;

/**
 * What may be shown about a stored key: never the key, only where it is for, its name, its last
 * four characters and an HMAC fingerprint (to tell two keys apart without revealing either).
 */
public record ProviderKey(
    String id,
    Provider provider,
    String name,
    Optional<String> baseUrl,
    String lastFour,
    String fingerprint,
    Instant createdAt,
    Optional<Instant> rotatedAt) {}
