package dev.nome.server.web;

/** A top-level section of the web UI and what it says while it has nothing to show. */
public record SectionPage(
    String navId, String path, String title, String summary, String emptyMessage) {

  public NavItem navItem() {
    return new NavItem(navId, title, path);
  }
}
