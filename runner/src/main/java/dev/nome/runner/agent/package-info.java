/**
 * NOME's own agent loop for BYOK routes: the conversation with the model (through the control
 * plane's model proxy, behind {@code ModelClient}), every tool call through the gate.
 */
package dev.nome.runner.agent;
