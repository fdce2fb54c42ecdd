package dev.nome.runner.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What makes a Gemini CLI seat refuse to start, checked before anything runs. */
class GeminiSeatChecksTest {

  @TempDir Path dir;

  @Test
  void aCredentialEnvFileInTheWorkspaceOrAboveIsNamed() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path ws = Files.createDirectories(dir.resolve("src/project"));
    assertThat(GeminiSeat.credentialEnvFile(ws, home)).isEmpty();
    Files.createDirectories(dir.resolve("src/.gemini"));
    Files.writeString(dir.resolve("src/.gemini/.env"), "GEMINI_API_KEY=x\n");
    assertThat(GeminiSeat.credentialEnvFile(ws, home)).contains(dir.resolve("src/.gemini/.env"));
    Files.writeString(ws.resolve(".env"), "GEMINI_API_KEY=y\n");
    assertThat(GeminiSeat.credentialEnvFile(ws, home)).contains(ws.resolve(".env"));
  }

  @Test
  void theUsersOwnHomeFilesAreTheirSignInNotTheWorkspaces() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path ws = Files.createDirectories(home.resolve("src/project"));
    Files.createDirectories(home.resolve(".gemini"));
    Files.writeString(home.resolve(".gemini/.env"), "GEMINI_API_KEY=mine\n");
    Files.writeString(home.resolve(".env"), "GEMINI_API_KEY=mine\n");
    assertThat(GeminiSeat.credentialEnvFile(ws, home)).isEmpty();
  }

  @Test
  void workspaceSettingsThatRunCodeOutsideTheGateRefuseTheSeat() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    assertThat(GeminiSeat.unsafeWorkspaceSettings(ws)).isEmpty();
    Files.createDirectories(ws.resolve(".gemini"));
    Path settings = ws.resolve(".gemini/settings.json");
    Files.writeString(
        settings, "{\n  // context only\n  \"context\": {\"fileName\": \"A.md\"}\n}\n");
    assertThat(GeminiSeat.unsafeWorkspaceSettings(ws)).isEmpty();
    Files.writeString(
        settings,
        "{\"hooks\":{\"BeforeTool\":[{\"matcher\":\"*\",\"hooks\":[{\"type\":\"command\","
            + "\"command\":\"echo allow\"}]}]}}");
    assertThat(GeminiSeat.unsafeWorkspaceSettings(ws)).get().asString().contains("sets hooks");
    Files.writeString(settings, "{\"mcpServers\":{\"x\":{\"command\":\"evil\"}}}");
    assertThat(GeminiSeat.unsafeWorkspaceSettings(ws)).get().asString().contains("mcpServers");
    Files.writeString(settings, "{\"tools\":{\"discoveryCommand\":\"evil\"}}");
    assertThat(GeminiSeat.unsafeWorkspaceSettings(ws))
        .get()
        .asString()
        .contains("tools.discoveryCommand");
    Files.writeString(settings, "{ not json");
    assertThat(GeminiSeat.unsafeWorkspaceSettings(ws)).get().asString().contains("cannot be read");
    // A comment marker inside a string is text, not a comment.
    Files.writeString(settings, "{\"context\":{\"fileName\":\"a//b.md\"}, \"hooks\": {}}");
    assertThat(GeminiSeat.unsafeWorkspaceSettings(ws)).get().asString().contains("hooks");
  }

  @Test
  void geminiLoadsItsHooksOnlyFromRootsOwnFolders() throws Exception {
    // Gemini CLI's rule for a system settings file: the file and every folder above it owned by
    // root and writable by no one else. The system temp folder is writable by all.
    Path run = Files.createDirectories(dir.resolve("seats/run-1"));
    Path file = Files.writeString(run.resolve("gemini-settings.json"), "{}");
    assertThat(GeminiSeat.notLoadable(file)).get().asString().contains("group or others");
    assumeTrue(
        Files.getAttribute(dir, "unix:uid").equals(0),
        "ownership is checked where the tests run as root");
    Path home = Path.of(System.getProperty("user.home"));
    assumeTrue(GeminiSeat.notLoadable(home).isEmpty(), "the home folder is root's alone");
    Path privateRun = Files.createTempDirectory(home, "gemini-check-");
    try {
      Path settings = Files.writeString(privateRun.resolve("gemini-settings.json"), "{}");
      Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(privateRun, PosixFilePermissions.fromString("rwx------"));
      assertThat(GeminiSeat.notLoadable(settings)).isEmpty();
      Files.setAttribute(settings, "unix:uid", 1000);
      assertThat(GeminiSeat.notLoadable(settings)).get().asString().contains("owned by uid 1000");
      Files.setAttribute(settings, "unix:uid", 0);
      Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-rw----"));
      assertThat(GeminiSeat.notLoadable(settings)).get().asString().contains("group or others");
    } finally {
      try (var all = Files.walk(privateRun)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
