package dev.nome.runner.seats;

/**
 * One provider CLI on this host as its own status command described it.
 *
 * @param cli {@code claude-code}, {@code codex} or {@code gemini}
 * @param version the CLI's version, or empty when not installed
 * @param auth {@code signed-in}, {@code signed-out}, {@code unknown}, {@code
 *     unknown-until-first-run} or {@code not-installed}
 * @param method how it is signed in, reduced to a known class ({@code claude.ai}, {@code api_key},
 *     {@code chatgpt}, {@code api-key}, …), or {@code none}; never raw output
 */
public record SeatState(String cli, String version, String auth, String method) {}
