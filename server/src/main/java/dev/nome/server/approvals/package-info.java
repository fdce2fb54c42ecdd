/**
 * The approval queue (P10): paired hosts raise requests, signed-in people decide, and every device
 * sees it live. Storage ({@link dev.nome.server.approvals.ApprovalStore}), the event fan-out
 * ({@link dev.nome.server.approvals.ApprovalHub}), the rules around them ({@link
 * dev.nome.server.approvals.ApprovalService}) and the HTTP API ({@link
 * dev.nome.server.approvals.ApprovalApi}).
 */
package dev.nome.server.approvals;
