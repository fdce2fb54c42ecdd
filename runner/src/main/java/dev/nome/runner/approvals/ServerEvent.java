package dev.nome.runner.approvals;

/** One Server-Sent Event: its id (may be null), type and data. */
record ServerEvent(String id, String type, String data) {}
