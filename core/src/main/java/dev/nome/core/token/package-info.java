/**
 * Formats of the bearer tokens NOME hands out: a fixed prefix, 160 random bits in base62 and a
 * CRC32 checksum, so that a scanner (or NOME's own scrubber) recognises one offline and a typo is
 * caught before any lookup.
 */
package dev.nome.core.token;
