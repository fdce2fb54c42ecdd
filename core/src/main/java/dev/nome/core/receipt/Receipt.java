package dev.nome.core.receipt;

/**
 * One typed fact about a run. Every text field that can hold content is a {@link
 * dev.nome.core.secrets.ScrubbedText}, which only the scrubber creates, so a receipt cannot be
 * built from raw text. Receipts are linked into a run's chain as {@link ChainedReceipt}s.
 */
public sealed interface Receipt
    permits RunStarted,
        RouteRecord,
        ToolIntent,
        ToolReceipt,
        ApprovalRecord,
        ArtifactRef,
        RunEnded,
        HostRevoked {

  /** The {@code type} member of the receipt's JSON form. */
  String type();
}
