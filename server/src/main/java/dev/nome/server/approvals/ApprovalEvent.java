package dev.nome.server.approvals;

/**
 * One persisted event of the approval stream. {@code id} grows in commit order, so a client that
 * saw event N and asks for everything after N misses nothing.
 *
 * @param type raised, approved, denied, expired or cancelled
 * @param data the event's JSON: {@code {"type": …, "request": {…}}}
 */
public record ApprovalEvent(
    long id, String accountId, String hostId, String requestId, String type, String data) {}
