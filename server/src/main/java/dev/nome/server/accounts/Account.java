package dev.nome.server.accounts;

/** A person who may sign in; {@code hasPassword} is false until their one-time link was used. */
public record Account(String id, String username, boolean owner, boolean hasPassword) {}
