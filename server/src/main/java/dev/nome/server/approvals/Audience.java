package dev.nome.server.approvals;

/** Who may see an event: the people of an account, or one host (its own requests only). */
public sealed interface Audience {

  /** The account id or host id the events are filtered by. */
  String key();

  boolean sees(ApprovalEvent e);

  record OfAccount(String accountId) implements Audience {
    @Override
    public String key() {
      return accountId;
    }

    @Override
    public boolean sees(ApprovalEvent e) {
      return e.accountId().equals(accountId);
    }
  }

  record OfHost(String hostId) implements Audience {
    @Override
    public String key() {
      return hostId;
    }

    @Override
    public boolean sees(ApprovalEvent e) {
      return e.hostId().equals(hostId);
    }
  }
}
