/**
 * The conversation NOME's own agent loop holds with a model, in one provider-neutral shape. The
 * runner never talks to a provider itself: {@link dev.nome.runner.model.ModelClient} goes through
 * the control plane's model proxy, which holds the key (P2).
 */
package dev.nome.runner.model;
