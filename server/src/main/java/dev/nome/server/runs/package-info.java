/**
 * Work items and the agent runs that worked on them: their stores, the service that resolves a
 * run's route before anything runs (P11), the HTTP API hosts and people use, and the run timeline
 * the web pages draw from the audit store.
 */
package dev.nome.server.runs;
