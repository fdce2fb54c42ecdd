package dev.nome.server.runs;

import dev.nome.core.route.StopReason;

/** Why a route cannot run, with a message safe to show (names a key, never holds one). */
public record Refusal(StopReason reason, String message) {}
