package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.runner.control.ControlPlaneClient;
import dev.nome.runner.control.HostRunner;
import dev.nome.runner.pairing.PairingClient;
import dev.nome.runner.pairing.ThisHost;
import dev.nome.runner.seats.EnvironmentFilter;
import dev.nome.runner.seats.SeatProbe;
import dev.nome.runner.tokens.NomeHome;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium: sign in, pair a host by its code, see its provider CLI
 * states, revoke it and watch its runner stop, and manage keys without ever seeing one again.
 */
class BrowserTest {

  @TempDir static Path tmp;
  static ControlPlane plane;
  static WebDriver browser;
  static final String PASSWORD = "owner password 1";

  @BeforeAll
  static void start() throws Exception {
    plane =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, tmp.resolve("data"), Optional.empty(), 1), "t");
    browser = chromium(tmp.resolve("profile"));
    // First sign-in through the one-time link nome up prints: the owner chooses a password.
    browser.get(plane.ownerSetupLink().orElseThrow().toString());
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("save-password")).click();
    waitUpTo(30).until(d -> d.getCurrentUrl().endsWith("/computers"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    plane.close();
  }

  static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        name
            + " is not installed (Debian: apt-get install chromium chromium-driver; .ci/run does)");
  }

  static WebDriver chromium(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(onPath("chromium").toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(onPath("chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  static String url(String path) {
    return plane.url().resolve(path).toString();
  }

  static WebDriverWait waitUpTo(int seconds) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /**
   * The text of element {@code id} once it holds {@code expected}, or whatever it holds after the
   * wait: a click that submits a form returns before the next page has loaded.
   */
  static String textOnceShown(String id, String expected) {
    try {
      return waitUpTo(30)
          .until(
              d -> {
                String text = d.findElement(By.id(id)).getText();
                return text.contains(expected) ? text : null;
              });
    } catch (org.openqa.selenium.TimeoutException e) {
      var found = browser.findElements(By.id(id));
      return found.isEmpty() ? "(no #" + id + ")" : found.get(0).getText();
    }
  }

  static void signIn() {
    browser.get(url("/signin"));
    if (!browser.getCurrentUrl().endsWith("/signin")) {
      return; // already signed in
    }
    browser.findElement(By.id("username")).sendKeys("owner");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("sign-in")).click();
    waitUpTo(30).until(d -> d.getCurrentUrl().endsWith("/computers"));
  }

  /** Collects what a runner prints, so the test can read the code off its "terminal". */
  static final class Terminal extends ByteArrayOutputStream {
    synchronized String text() {
      return toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void ownerSetsAPasswordSignsInPairsAHostSeesItsSeatsAndRevokesIt() throws Exception {
    // Sign out, and sign in with the password.
    browser.get(url("/computers"));
    browser.findElement(By.id("sign-out")).click();
    waitUpTo(30).until(d -> d.getCurrentUrl().endsWith("/signin"));
    signIn();

    // A runner on "another computer" starts pairing.
    NomeHome home = new NomeHome(tmp.resolve("host"));
    Terminal terminal = new Terminal();
    PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);
    CompletableFuture<PairingClient.Paired> pairing =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new PairingClient(home, out, d -> Thread.sleep(d.toMillis()))
                    .pair(plane.url(), new ThisHost("build-box", "Linux 6.1 amd64", "dev"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Pattern codeLine = Pattern.compile("(?m)^  ([A-Z]{4}-[A-Z]{4})$");
    waitUpTo(40).until(d -> codeLine.matcher(terminal.text()).find());
    Matcher m = codeLine.matcher(terminal.text());
    assertThat(m.find()).isTrue();
    String code = m.group(1);

    browser.get(url("/computers"));
    browser.findElement(By.id("enter-code")).click();
    browser.findElement(By.id("code")).sendKeys(code.toLowerCase());
    browser.findElement(By.id("look-up")).click();
    assertThat(textOnceShown("host-name", "build-box")).isEqualTo("build-box");
    assertThat(browser.findElement(By.id("host-os")).getText()).isEqualTo("Linux 6.1 amd64");
    assertThat(browser.findElement(By.id("host-user")).getText()).isEqualTo("dev");
    browser.findElement(By.id("approve")).click();
    assertThat(textOnceShown("message", "Approved")).contains("Approved");
    PairingClient.Paired paired = pairing.get(30, TimeUnit.SECONDS);
    assertThat(paired.server()).isEqualTo(plane.url());

    // Its runner reports the real provider CLIs' states (a throw-away HOME: signed out).
    Path bin = Path.of(System.getProperty("nome.test.providerClis", ".ci/tools/node_modules/.bin"));
    assertThat(bin.resolve("claude")).as("provider CLIs installed by .ci/run").isExecutable();
    Path hostHome = Files.createDirectories(tmp.resolve("host-user-home"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin"));
    env.put("HOME", hostHome.toString());
    env.put("ANTHROPIC_API_KEY", "sk-ant-api03-NOTREAL-0000");
    SeatProbe probe = new SeatProbe(EnvironmentFilter.standard(), env);
    String token = Files.readString(home.file(NomeHome.DEVICE_TOKEN)).strip();
    Terminal runnerOut = new Terminal();
    HostRunner runner =
        new HostRunner(
            new ControlPlaneClient(plane.url(), token),
            probe::probe,
            new PrintStream(runnerOut, true, StandardCharsets.UTF_8));
    CompletableFuture<HostRunner.Outcome> running = new CompletableFuture<>();
    Thread.ofPlatform().daemon().start(() -> running.complete(runner.loop()));

    waitUpTo(60)
        .withMessage(() -> "runner said: " + runnerOut.text() + " done=" + running.isDone())
        .until(
            d -> {
              d.get(url("/computers"));
              return d.getPageSource().contains("data-cli=\"codex\"");
            });
    var claude = browser.findElement(By.cssSelector("li.seat[data-cli=claude-code]"));
    assertThat(claude.getText()).contains("Claude Code 2.1.197").contains("signed out");
    var codex = browser.findElement(By.cssSelector("li.seat[data-cli=codex]"));
    assertThat(codex.getText()).contains("Codex CLI 0.171.0").contains("signed out");
    assertThat(browser.getPageSource()).contains("ANTHROPIC_API_KEY").doesNotContain("NOTREAL");

    // Revoke it: one click and a confirmation; its runner stops.
    browser.findElement(By.cssSelector("tr.host[data-state=active] a.danger")).click();
    browser.findElement(By.id("confirm-revoke")).click();
    waitUpTo(30).until(d -> d.getCurrentUrl().endsWith("/computers"));
    assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(HostRunner.Outcome.REVOKED);
    assertThat(browser.findElements(By.cssSelector("tr.host[data-state=revoked]"))).hasSize(1);
  }

  @Test
  void keysAreAddedRotatedAndRemovedAndNeverShownAgain() throws Exception {
    signIn();
    String first = "sk-ant-api03-BROWSERKEY-ONE-1111";
    String second = "sk-ant-api03-BROWSERKEY-TWO-2222";
    browser.get(url("/keys"));
    new Select(browser.findElement(By.id("provider"))).selectByValue("anthropic");
    browser.findElement(By.id("key-name")).sendKeys("work");
    browser.findElement(By.id("key-secret")).sendKeys(first);
    browser.findElement(By.id("add")).click();
    assertThat(textOnceShown("notice", "…1111")).contains("…1111");
    assertThat(browser.getPageSource()).doesNotContain(first).doesNotContain("BROWSERKEY");
    browser.get(url("/keys"));
    assertThat(browser.getPageSource()).doesNotContain("BROWSERKEY");
    var row = browser.findElement(By.cssSelector("tr.key[data-key-name=work]"));
    String fingerprint = row.findElement(By.tagName("code")).getText();

    row.findElement(By.cssSelector("input.rotate-key")).sendKeys(second);
    row.findElement(By.cssSelector("button.rotate")).click();
    assertThat(textOnceShown("notice", "…2222")).contains("…2222");
    row = browser.findElement(By.cssSelector("tr.key[data-key-name=work]"));
    assertThat(row.findElement(By.cssSelector(".last-four")).getText()).isEqualTo("…2222");
    assertThat(row.findElement(By.tagName("code")).getText()).isNotEqualTo(fingerprint);
    assertThat(browser.getPageSource()).doesNotContain("BROWSERKEY");

    row.findElement(By.cssSelector("button.remove")).click();
    assertThat(textOnceShown("notice", "Removed")).contains("Removed");
    assertThat(browser.getPageSource()).contains("No key has been added yet");
  }
}
