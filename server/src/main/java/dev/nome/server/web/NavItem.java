package dev.nome.server.web;

/**
 * One entry of the main navigation.
 *
 * @param badge a count shown beside the label (pending approvals); 0 shows none
 */
public record NavItem(String id, String label, String path, int badge) {

  public NavItem(String id, String label, String path) {
    this(id, label, path, 0);
  }

  public NavItem withBadge(int count) {
    return new NavItem(id, label, path, count);
  }
}
