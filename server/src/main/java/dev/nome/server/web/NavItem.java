package dev.nome.server.web;

/** One entry of the main navigation. */
public record NavItem(String id, String label, String path) {}
