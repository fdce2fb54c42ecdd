package dev.nome.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nome.server.ControlPlane;
import dev.nome.server.ServerConfig;
import dev.nome.server.testing.Approvals;
import dev.nome.server.testing.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two real Chromium sessions as two devices of the same person: a request raised by a host appears
 * on both without a reload, one approves, the other sees it decided without a reload, and a second
 * decision is refused with the one that stands.
 */
class ApprovalsBrowserTest {

  static final String PASSWORD = "owner password 1";

  @TempDir Path tmp;

  static WebDriverWait waitUpTo(WebDriver d, int seconds) {
    // Live refreshes replace list elements; a wait re-finds them instead of failing on a stale one.
    WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(seconds));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  static void signIn(WebDriver d, ControlPlane plane) {
    d.get(plane.url().resolve("/signin").toString());
    d.findElement(By.id("username")).sendKeys("owner");
    d.findElement(By.id("password")).sendKeys(PASSWORD);
    d.findElement(By.id("sign-in")).click();
    waitUpTo(d, 10).until(x -> x.getCurrentUrl().endsWith("/computers"));
  }

  /** Marks the loaded document; the mark survives only as long as the page is not reloaded. */
  static void mark(WebDriver d) {
    ((JavascriptExecutor) d).executeScript("window.__nomeMark = 'same page';");
  }

  static boolean stillSamePage(WebDriver d) {
    return "same page".equals(((JavascriptExecutor) d).executeScript("return window.__nomeMark;"));
  }

  static void awaitStreams(ControlPlane plane, int n) throws InterruptedException {
    var hub = plane.services().approvals().hub();
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (hub.subscriberCount() < n && System.nanoTime() < until) {
      Thread.sleep(20); // polling the condition: the browsers connect on their own
    }
    assertThat(hub.subscriberCount()).isGreaterThanOrEqualTo(n);
  }

  @Test
  void twoDevicesSeeARequestLiveOneApprovesTheOtherSeesItAndASecondDecisionIsRefused()
      throws Exception {
    try (ControlPlane plane =
        ControlPlane.start(
            new ServerConfig("127.0.0.1", 0, tmp.resolve("data"), Optional.empty(), 1), "t")) {
      WebDriver phone = BrowserTest.chromium(tmp.resolve("phone"));
      WebDriver laptop = BrowserTest.chromium(tmp.resolve("laptop"));
      try {
        WebClient.owner(plane, PASSWORD);
        signIn(phone, plane);
        signIn(laptop, plane);
        for (WebDriver d : List.of(phone, laptop)) {
          d.get(plane.url().resolve("/approvals").toString());
          // The page refreshes its lists once the event stream opens, replacing this element.
          waitUpTo(d, 10)
              .until(x -> x.findElement(By.id("pending-empty")).getText().contains("Nothing"));
          mark(d);
        }
        awaitStreams(plane, 2);

        String host = Approvals.hostToken(plane, "build-box");
        String action = "rm -rf ~/project \u202E#hs.txt\u200B\u001B[2K";
        String id = Approvals.raised(plane.url(), host, "run-1", action).at("/request/id").asText();

        for (WebDriver d : List.of(phone, laptop)) {
          WebElement item = waitUpTo(d, 10).until(x -> x.findElement(By.id("request-" + id)));
          String shown = item.findElement(By.cssSelector("pre.action")).getText();
          assertThat(shown)
              .isEqualTo("rm -rf ~/project \\u{202E}#hs.txt\\u{200B}\\u{1B}[2K")
              .doesNotContain("\u202E")
              .doesNotContain("\u200B");
          assertThat(item.findElements(By.cssSelector("pre.action .esc"))).hasSize(3);
          assertThat(item.findElement(By.cssSelector(".warning")).getText()).contains("3 hidden");
          assertThat(item.findElement(By.cssSelector(".tool")).getText()).isEqualTo("shell");
          assertThat(item.findElement(By.cssSelector(".tier")).getText())
              .isEqualToIgnoringCase("danger");
          assertThat(item.findElement(By.cssSelector(".host")).getText()).contains("build-box");
          assertThat(item.findElement(By.cssSelector(".reason")).getText())
              .contains("deleting files needs a person");
          assertThat(item.findElement(By.cssSelector(".left")).getText())
              .matches("\\d+:\\d\\d left");
          waitUpTo(d, 10).until(x -> x.findElement(By.id("approvals-badge")).getText().equals("1"));
          assertThat(stillSamePage(d)).as("no reload").isTrue();
        }

        // The phone approves, with a comment.
        WebElement onPhone = phone.findElement(By.id("request-" + id));
        onPhone.findElement(By.cssSelector("input.comment")).sendKeys("checked the path");
        onPhone.findElement(By.cssSelector("button.approve")).click();
        waitUpTo(phone, 10)
            .until(
                x ->
                    x.findElement(By.id("approvals-notice")).getText().contains("You approved it"));

        // The laptop sees it decided, by whom, without reloading.
        String decided =
            waitUpTo(laptop, 10)
                .until(
                    x -> {
                      WebElement e = x.findElement(By.id("decided-" + id));
                      return e.findElement(By.cssSelector(".outcome")).getText()
                          + "|"
                          + e.findElement(By.cssSelector(".who")).getText()
                          + "|"
                          + e.findElement(By.cssSelector(".comment")).getText();
                    });
        assertThat(laptop.findElements(By.id("request-" + id))).isEmpty();
        assertThat(decided).startsWith("approved|by owner (browser)|").contains("checked the path");
        waitUpTo(laptop, 10).until(x -> !x.findElement(By.id("approvals-badge")).isDisplayed());
        assertThat(stillSamePage(laptop)).as("no reload").isTrue();

        // A second decision from the laptop (as if its click had crossed the phone's) is refused.
        @SuppressWarnings("unchecked")
        Map<String, Object> refused =
            (Map<String, Object>)
                ((JavascriptExecutor) laptop)
                    .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                            + "const csrf = document.querySelector('input[name=_csrf]').value;"
                            + "fetch('/approvals/"
                            + id
                            + "/deny', {method: 'POST', headers: {Accept: 'application/json'},"
                            + " body: new URLSearchParams({_csrf: csrf, comment: 'no'})})"
                            + ".then(r => r.json().then(j => done({status: r.status, message:"
                            + " j.message})));");
        assertThat(((Number) refused.get("status")).intValue()).isEqualTo(409);
        assertThat((String) refused.get("message")).contains("already approved by owner (browser)");
        assertThat(plane.services().approvals().store().get(id).orElseThrow().state().label())
            .isEqualTo("approved");

        // The badge is on every page: rendered with the page, and kept live there too.
        laptop.get(plane.url().resolve("/computers").toString());
        mark(laptop);
        String second =
            Approvals.raised(plane.url(), host, "run-2", "git push --force")
                .at("/request/id")
                .asText();
        waitUpTo(laptop, 10)
            .until(x -> x.findElement(By.id("approvals-badge")).getText().equals("1"));
        laptop.get(plane.url().resolve("/keys").toString());
        assertThat(laptop.findElement(By.id("approvals-badge")).getText()).isEqualTo("1");
        assertThat(
                WebClient.bearer(
                        plane.url(), host, "POST", "/api/approvals/" + second + "/cancel", null)
                    .statusCode())
            .isEqualTo(200);
        waitUpTo(laptop, 10).until(x -> !x.findElement(By.id("approvals-badge")).isDisplayed());
      } finally {
        phone.quit();
        laptop.quit();
      }
    }
  }
}
