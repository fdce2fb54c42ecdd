package dev.nome.server.hosts;

/** What a host says about itself when it asks to be paired; shown to the person approving. */
public record HostInfo(String name, String os, String osUser, String publicKey) {}
