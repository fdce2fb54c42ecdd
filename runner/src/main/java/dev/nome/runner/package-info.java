/**
 * What runs on a paired host: pairing, token store, seats, the BYOK agent loop, the gate and
 * receipt upload.
 */
package dev.nome.runner;
