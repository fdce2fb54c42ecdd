package dev.nome.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.server.hosts.Host;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A host as the Computers page shows it. */
public record HostView(
    String id,
    String name,
    String os,
    String osUser,
    String pairedAt,
    String lastSeen,
    boolean revoked,
    String revokedAt,
    List<SeatView> seats,
    String withheld) {

  /** One provider CLI on the host. */
  public record SeatView(String cli, String label, String version, String auth) {
    public String authLabel() {
      return switch (auth) {
        case "signed-in" -> "signed in";
        case "signed-out" -> "signed out";
        case "not-installed" -> "not installed";
        case "unknown-until-first-run" -> "unknown until first run";
        default -> "unknown";
      };
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public static HostView of(Host h) {
    List<SeatView> seats = new ArrayList<>();
    List<String> withheld = new ArrayList<>();
    h.seatsJson()
        .ifPresent(
            json -> {
              try {
                JsonNode root = JSON.readTree(json);
                for (JsonNode s : root.path("seats")) {
                  String cli = s.path("cli").asText();
                  seats.add(
                      new SeatView(
                          cli, label(cli), s.path("version").asText(""), s.path("auth").asText()));
                }
                root.path("withheld").forEach(n -> withheld.add(n.asText()));
              } catch (java.io.IOException e) {
                // an unreadable report shows as none
              }
            });
    return new HostView(
        h.id(),
        h.name(),
        h.os(),
        h.osUser(),
        when(h.pairedAt()),
        h.lastSeenAt().map(HostView::when).orElse("never"),
        h.revoked(),
        h.revokedAt().map(HostView::when).orElse(""),
        seats,
        String.join(", ", withheld));
  }

  private static String label(String cli) {
    return switch (cli) {
      case "claude-code" -> "Claude Code";
      case "codex" -> "Codex CLI";
      case "gemini" -> "Gemini CLI";
      default -> cli;
    };
  }

  private static String when(Instant t) {
    return WHEN.format(t);
  }
}
