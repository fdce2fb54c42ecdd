/**
 * A run's receipts on the host: signing with the host key, the durable local journal that is also
 * the upload queue ({@code ~/.nome/queue/}), the asynchronous upload to the control plane's audit
 * API, and, at start-up, the upload of what an earlier runner left queued.
 */
package dev.nome.runner.receipts;
