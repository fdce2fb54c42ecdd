package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nome.core.Tier;
import dev.nome.core.receipt.Decision;
import dev.nome.core.receipt.OutputSummary;
import dev.nome.core.receipt.RouteRecord;
import dev.nome.core.receipt.RunEnded;
import dev.nome.core.receipt.RunStatus;
import dev.nome.core.receipt.ToolReceipt;
import dev.nome.core.secrets.FingerprintKey;
import dev.nome.core.secrets.ScrubbedText;
import dev.nome.core.secrets.SecretScrubber;
import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.TestRuns;
import dev.nome.server.testing.WebClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Work items and runs in a real headless Chromium: create a work item with the form, watch its runs
 * appear and change without reloading (a refused route shows its typed reason), and open a run to
 * see its route record, its receipt timeline with a verified chain, and its artifacts.
 */
class RunsBrowserTest {

  static final String PASSWORD = "owner password 1";

  @TempDir Path tmp;

  static String anthropicKey() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder("sk-ant-api03-");
    for (int i = 0; i < 93; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.append("AA").toString();
  }

  static String json(String... pairs) {
    ObjectNode n = WebClient.JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      n.put(pairs[i], pairs[i + 1]);
    }
    return n.toString();
  }

  static HttpResponse<String> call(
      ControlPlane plane, String token, String method, String path, String body) throws Exception {
    return WebClient.bearer(plane.url(), token, method, path, body);
  }

  @Test
  void workItemsAndRunsAreLiveAndARunShowsItsVerifiedTimelineAndArtifacts() throws Exception {
    try (ControlPlane plane =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, tmp.resolve("data"), Optional.empty(), 1), "t")) {
      WebDriver browser = BrowserTest.chromium(tmp.resolve("profile"));
      try {
        WebClient.owner(plane, PASSWORD);
        String user = Approvals.userToken(plane, PASSWORD);
        assertThat(
                call(
                        plane,
                        user,
                        "POST",
                        "/api/keys",
                        json("provider", "anthropic", "name", "work", "key", anthropicKey()))
                    .statusCode())
            .isEqualTo(201);
        TestRuns.PairedHost host = TestRuns.pair(plane, "build-box");
        ApprovalsBrowserTest.signIn(browser, plane);

        // The list starts empty; the form creates a work item and opens it.
        browser.get(plane.url().resolve("/work-items").toString());
        assertThat(browser.findElement(By.id("work-items-empty")).getText())
            .contains("No work item");
        browser.findElement(By.id("work-item-title")).sendKeys("Fix the flaky test");
        browser
            .findElement(By.id("work-item-description"))
            .sendKeys("It fails <b>one run in ten</b>.");
        browser.findElement(By.id("create-work-item")).click();
        ApprovalsBrowserTest.waitUpTo(browser, 10)
            .until(d -> d.getCurrentUrl().matches(".*/work-items/[0-9a-f-]{36}$"));
        String itemId = browser.findElement(By.id("work-item-id")).getText();
        assertThat(browser.findElement(By.id("work-item-title")).getText())
            .isEqualTo("Fix the flaky test");
        assertThat(browser.findElement(By.id("work-item-description")).getText())
            .as("shown as text, not markup")
            .isEqualTo("It fails <b>one run in ten</b>.");
        assertThat(browser.findElement(By.id("work-item-created-by")).getText()).isEqualTo("owner");
        assertThat(browser.findElement(By.id("runs-empty")).getText()).contains("No run yet");
        ApprovalsBrowserTest.mark(browser);

        // A route that cannot run shows up stopped with its typed reason, without a reload.
        String start =
            json(
                "workItemId",
                itemId,
                "route",
                "byok:personal",
                "workspace",
                "/home/dev/p",
                "task",
                "fix it");
        var refused = call(plane, host.token(), "POST", "/api/runs", start);
        assertThat(refused.statusCode()).isEqualTo(409);
        String refusedId = WebClient.json(refused).at("/run/id").asText();
        WebElement refusedRow =
            ApprovalsBrowserTest.waitUpTo(browser, 10)
                .until(d -> d.findElement(By.id("run-" + refusedId)));
        assertThat(refusedRow.findElement(By.cssSelector(".status")).getText())
            .isEqualTo("stopped (key-missing)");

        String secret = anthropicKey();
        var started =
            call(
                plane,
                host.token(),
                "POST",
                "/api/runs",
                json(
                    "workItemId",
                    itemId,
                    "route",
                    "byok:work/claude-sonnet-4-5",
                    "workspace",
                    "/home/dev/p",
                    "task",
                    "use " + secret + " to fix it"));
        assertThat(started.statusCode()).isEqualTo(201);
        String runId = WebClient.json(started).get("id").asText();
        ApprovalsBrowserTest.waitUpTo(browser, 10).until(d -> d.findElement(By.id("run-" + runId)));
        call(
            plane,
            host.token(),
            "POST",
            "/api/runs/" + runId + "/status",
            json("status", "running", "step", "running the tests"));
        ApprovalsBrowserTest.waitUpTo(browser, 10)
            .until(
                d ->
                    d.findElement(By.cssSelector("#run-" + runId + " .step"))
                        .getText()
                        .equals("running the tests"));
        WebElement row = browser.findElement(By.id("run-" + runId));
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("running");
        assertThat(row.findElement(By.cssSelector(".route")).getText())
            .contains("byok:work/claude-sonnet-4-5")
            .contains("byok-metered");
        assertThat(row.findElement(By.cssSelector(".host")).getText()).isEqualTo("build-box");
        assertThat(ApprovalsBrowserTest.stillSamePage(browser)).as("no reload").isTrue();

        // The run page, while the run is still going: it follows the run until it ends.
        row.findElement(By.cssSelector("a.run-link")).click();
        ApprovalsBrowserTest.waitUpTo(browser, 10)
            .until(d -> d.getCurrentUrl().endsWith("/runs/" + runId));
        assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("running");
        assertThat(browser.findElement(By.id("timeline-empty")).getText()).contains("No receipt");
        assertThat(browser.findElement(By.cssSelector("#route-record .auth-lane")).getText())
            .isEqualTo("byok");
        assertThat(browser.findElement(By.cssSelector("#route-record .provider")).getText())
            .isEqualTo("anthropic");
        assertThat(browser.findElement(By.cssSelector("#route-record .model")).getText())
            .isEqualTo("claude-sonnet-4-5");
        assertThat(browser.findElement(By.id("run-task")).getText())
            .doesNotContain(secret)
            .contains("[REDACTED:");
        ApprovalsBrowserTest.mark(browser);

        SecretScrubber scrubber =
            SecretScrubber.create(FingerprintKey.loadOrCreate(tmp.resolve("k")));
        Function<String, ScrubbedText> scrub = scrubber::scrub;
        TestRuns.upload(
            plane.url(),
            host,
            runId,
            itemId,
            List.of(
                new RouteRecord(
                    "byok",
                    "byok-metered",
                    "anthropic",
                    "none",
                    ScrubbedText.empty(),
                    "claude-sonnet-4-5"),
                new ToolReceipt(
                    "call-1",
                    "shell",
                    Tier.READ,
                    scrub.apply("cat README.md"),
                    Optional.empty(),
                    Decision.ALLOWED,
                    "default",
                    Optional.empty(),
                    OutputSummary.of(scrub.apply("# Project\ntoken " + secret), 500, scrub),
                    15,
                    true,
                    OptionalInt.of(0))),
            Optional.of(new RunEnded(RunStatus.COMPLETED, scrub.apply("tests pass"))));
        var artifact =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            plane.url().resolve("/api/runs/" + runId + "/artifacts/workspace.diff"))
                        .header("Authorization", "Bearer " + host.token())
                        .header("Content-Type", "text/x-diff")
                        .PUT(
                            HttpRequest.BodyPublishers.ofString(
                                "--- a/x\n+++ b/x\n+key=" + secret + "\n"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(artifact.statusCode()).isEqualTo(201);
        // A byok run's tokens are counted by the model proxy, which adds them to the runs store.
        plane.services().runs().addProxyUsage(runId, 900, 120);
        call(
            plane,
            host.token(),
            "POST",
            "/api/runs/" + runId + "/status",
            json("status", "succeeded", "message", "tests pass"));

        ApprovalsBrowserTest.waitUpTo(browser, 10)
            .until(d -> d.findElement(By.id("run-status")).getText().equals("succeeded"));
        assertThat(ApprovalsBrowserTest.stillSamePage(browser)).as("no reload").isTrue();
        assertThat(browser.findElement(By.id("run-live")).getAttribute("hx-trigger"))
            .as("an ended run is no longer polled")
            .isNull();
        assertThat(browser.findElement(By.id("run-tokens")).getText()).isEqualTo("900 in, 120 out");
        WebElement chain = browser.findElement(By.id("chain"));
        assertThat(chain.getAttribute("data-verified")).isEqualTo("true");
        assertThat(chain.getText()).contains("verified: 4 receipts");
        List<WebElement> receipts = browser.findElements(By.cssSelector("#timeline tr.receipt"));
        assertThat(receipts).hasSize(4);
        WebElement tool = browser.findElement(By.cssSelector("#timeline tr.receipt-tool"));
        assertThat(tool.findElement(By.cssSelector(".tool")).getText()).isEqualTo("shell");
        assertThat(tool.findElement(By.cssSelector(".tier")).getText()).isEqualTo("read");
        assertThat(tool.findElement(By.cssSelector(".decision")).getText()).isEqualTo("allowed");
        assertThat(tool.findElement(By.cssSelector(".duration")).getText()).isEqualTo("15 ms");
        assertThat(tool.findElement(By.cssSelector(".summary")).getText())
            .contains("# Project")
            .contains("[REDACTED:");
        WebElement link = browser.findElement(By.cssSelector("#artifacts a.download"));
        assertThat(link.getText()).isEqualTo("workspace.diff");
        assertThat(link.getAttribute("href"))
            .endsWith("/api/runs/" + runId + "/artifacts/workspace.diff");
        assertThat(browser.getPageSource()).doesNotContain(secret);

        // The download link works for the signed-in browser (fetched with its own cookies).
        Object body =
            ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "fetch(document.querySelector('#artifacts a.download').href)"
                        + ".then(r => r.text().then(t => done(r.status + ' ' + r.headers.get('content-disposition') + ' ' + t)));");
        assertThat((String) body)
            .startsWith("200 attachment; filename=\"workspace.diff\"")
            .contains("+key=")
            .doesNotContain(secret);
      } finally {
        browser.quit();
      }
    }
  }
}
