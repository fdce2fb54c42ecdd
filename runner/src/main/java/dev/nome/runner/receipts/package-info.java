/**
 * A run's receipts on the host: signing with the host key, the durable local journal that is also
 * the upload queue ({@code ~/.nome/queue/}), and the asynchronous upload to the control plane's
 * audit API.
 */
package dev.nome.runner.receipts;
