/**
 * Typed audit receipts, RFC 8785 canonical JSON, the per-run hash chain, Ed25519 signatures and the
 * offline verifier.
 */
package dev.nome.core.receipt;
