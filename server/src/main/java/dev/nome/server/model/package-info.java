/**
 * The model proxy (P2): a paired host's BYOK run sends its conversation to {@code POST
 * /api/runs/{id}/model}; the control plane decrypts the run's vault key, calls the provider
 * (Anthropic Messages or OpenAI Chat Completions, streaming), and returns the assembled reply in
 * one provider-neutral shape. The key never leaves this process. {@link
 * dev.nome.server.model.ScriptedModelServer} plays scripted provider turns for tests and the demo.
 */
package dev.nome.server.model;
