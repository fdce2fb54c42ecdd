package dev.nome.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nome.runner.tokens.SecretFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nome login}: signs this terminal in as a person; the user token goes to
 * ~/.nome/user_token.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = "Sign in from this terminal (a user token in ~/.nome/user_token, mode 0600).")
final class LoginCommand implements Callable<Integer> {

  @Option(names = "--server", description = "The control plane URL (default: the paired one).")
  String server;

  @Option(
      names = "--username",
      defaultValue = "owner",
      description = "Who you are (default: ${DEFAULT-VALUE}).")
  String username;

  @Option(names = "--password-stdin", description = "Read the password from standard input.")
  boolean passwordStdin;

  @Override
  public Integer call() throws Exception {
    RunnerHome rh = new RunnerHome();
    String password;
    if (passwordStdin || System.console() == null) {
      password =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } else {
      char[] pw = System.console().readPassword("Password for %s: ", username);
      password = pw == null ? null : new String(pw);
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("no password given");
    }
    ObjectMapper json = new ObjectMapper();
    var body = json.createObjectNode();
    body.put("username", username);
    body.put("password", password);
    body.put("label", "nome login on " + dev.nome.runner.pairing.ThisHost.describe(null).name());
    var target = rh.server(server);
    HttpResponse<String> res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(target.resolve("/api/login/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    var answer = json.readTree(res.body());
    if (res.statusCode() != 200) {
      throw new IllegalStateException(
          "sign-in refused: " + answer.at("/error/message").asText("HTTP " + res.statusCode()));
    }
    new SecretFiles(rh.home).write("user_token", answer.path("token").asText() + "\n");
    new SecretFiles(rh.home).write(UserSession.USER_SERVER_FILE, target + "\n");
    System.out.println("Signed in to " + target + " as " + username + ".");
    return 0;
  }
}
