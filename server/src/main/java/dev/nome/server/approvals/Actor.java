package dev.nome.server.approvals;

/**
 * Who caused a transition, as the audit trail records it.
 *
 * @param id the account id, {@code host:<id>} or {@code system}
 * @param name what people see in the history: a username, a host's name, or {@code system}
 * @param device the device it came from: {@code browser:<id>}, {@code cli:<id>}, {@code host:<id>}
 *     or {@code system}
 */
public record Actor(String id, String name, String device) {

  public static final Actor SYSTEM = new Actor("system", "system", "system");

  /** The channel part of {@link #device}: browser, cli, host or system. */
  public String channel() {
    int colon = device.indexOf(':');
    return colon < 0 ? device : device.substring(0, colon);
  }
}
