package dev.nome.runner.seats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
