package dev.nome.server.accounts;

/** A signed-in browser: whose it is and the CSRF token its pages carry. */
public record Session(Account account, String csrfToken) {}
