package io.elavira.examples.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the real web UI in headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, found through ELAVIRA_CHROMIUM / ELAVIRA_CHROMEDRIVER as .ci/chromium.sh
 * exports them, or in /usr/bin; nothing is downloaded): log in, upload a document, ask, see the
 * streamed answer and its sources, give feedback, open the dashboard with its charts, create and
 * delete an agent from a configuration, see and delete a user's document, change a password. Saves
 * screenshots of the chat and the dashboard (desktop and phone width, light and dark) under
 * target/screenshots. Skipped with a message when Chromium is absent, except under CI=true.
 */
class WebUiBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir Path home;
  @TempDir Path files;
  private ServerFixture server;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start() {
    Path chromium = executable("ELAVIRA_CHROMIUM", "/usr/bin/chromium");
    Path chromedriver = executable("ELAVIRA_CHROMEDRIVER", "/usr/bin/chromedriver");
    boolean present = chromium != null && chromedriver != null;
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true but Chromium or chromedriver is missing: run .ci/chromium.sh");
    }
    assumeTrue(
        present,
        "Headless Chromium is not installed (Debian packages chromium, chromium-driver): skipping the browser test");
    server = new ServerFixture(home);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, WAIT);
  }

  @AfterEach
  void stop() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private static @Nullable Path executable(String variable, String fallback) {
    String value = System.getenv(variable);
    Path path = Path.of(value != null && !value.isBlank() ? value : fallback);
    return Files.isExecutable(path) ? path : null;
  }

  @Test
  void aUserLogsInUploadsAsksSeesTheStreamedAnswerWithSourcesAndGivesFeedback() throws IOException {
    server.post(
        "/api/users",
        server.adminToken(),
        Map.of("username", "alice", "password", ServerFixture.PASSWORD));
    Path document =
        Files.writeString(
            files.resolve("lighthouse.txt"),
            "The lighthouse keeper lights the lamp at dusk and logs every passing ship.");

    logIn("alice", ServerFixture.PASSWORD);
    driver.findElement(By.id("file")).sendKeys(document.toAbsolutePath().toString());
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("documents"), "lighthouse.txt"));

    WebElement question = driver.findElement(By.id("question"));
    question.sendKeys("When does the lighthouse keeper light the lamp?");
    driver.findElement(By.id("send")).click();
    WebElement answer =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.assistant .sources")));
    WebElement item = driver.findElement(By.cssSelector("li.assistant"));
    assertThat(item.getText()).startsWith(InstantModels.ANSWER).contains("lighthouse.txt");
    assertThat(answer.getText()).contains("lighthouse.txt");

    item.findElement(By.cssSelector(".feedback button")).click();
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector("li.assistant .feedback button"), "aria-pressed", "true"));
    assertThat(server.store.feedback().list(null)).hasSize(1);
    assertThat(driver.findElements(By.cssSelector("#conversations li"))).hasSize(1);

    screenshots("chat");
  }

  @Test
  void anAdminOpensTheDashboardWithChartsOfAFewAsksUsersAndTheAuditLog() throws IOException {
    String alice = server.user("alice");
    for (String question : List.of("A first question", "A second one", "And a third")) {
      assertThat(server.post("/api/chat", alice, Map.of("message", question)).status())
          .isEqualTo(200);
    }

    logIn("admin", ServerFixture.ADMIN_PASSWORD);
    driver.findElement(By.id("nav-admin")).click();

    wait.until(
        ExpectedConditions.numberOfElementsToBeMoreThan(
            By.cssSelector("#chart-requests svg rect.bar"), 0));
    wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#logs tr"), 0));
    assertThat(driver.findElement(By.id("users")).getText()).contains("admin (admin)");
    assertThat(driver.findElement(By.id("stats")).getText()).contains("3");
    // The requests chart: a bar per bucket, its summary and its table hold the three asks.
    assertThat(driver.findElements(By.cssSelector("#chart-requests svg rect.bar")))
        .hasSizeGreaterThanOrEqualTo(24);
    assertThat(
            driver
                .findElement(By.cssSelector("#chart-requests svg desc"))
                .getAttribute("textContent"))
        .contains("total 3");
    @SuppressWarnings("unchecked")
    List<String> cells =
        (List<String>)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return Array.from(document.querySelectorAll("
                        + "'#chart-requests table.data tbody td'), td => td.textContent);");
    long tabled = cells.stream().mapToLong(c -> Long.parseLong(c.replace(",", ""))).sum();
    assertThat(tabled).isEqualTo(3);
    assertThat(driver.findElements(By.cssSelector("#chart-latency svg polyline"))).hasSize(3);
    assertThat(driver.findElements(By.cssSelector("#chart-cache svg"))).hasSize(1);
    assertThat(driver.findElements(By.cssSelector("#chart-fallbacks svg"))).hasSize(1);
    assertThat(driver.findElement(By.cssSelector("#chart-tokens svg")).getText())
        .contains(InstantModels.llm().name());
    // The table of a chart opens from the keyboard.
    WebElement summary = driver.findElement(By.cssSelector("#chart-requests summary"));
    summary.sendKeys(Keys.ENTER);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#chart-requests table.data")));

    screenshots("dashboard");
  }

  @Test
  void anAdminCreatesAnAgentFromTheExampleConfigSeesWhyABadOneIsRefusedAndDeletesIt() {
    logIn("admin", ServerFixture.ADMIN_PASSWORD);
    driver.findElement(By.id("nav-admin")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents"), "default"));

    WebElement config = driver.findElement(By.id("agent-config"));
    config.sendKeys("id: typo\nretrieval:\n  topk: 3\n");
    driver.findElement(By.id("agent-create")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("agent-status"), "retrieval.topk"));
    assertThat(driver.findElement(By.id("agent-status")).getAttribute("class")).contains("error");
    assertThat(driver.findElement(By.id("agents")).getText()).doesNotContain("typo");

    config.clear();
    driver
        .findElement(By.id("agent-file"))
        .sendKeys(
            Path.of("..", "docs", "config-example.json").toAbsolutePath().normalize().toString());
    wait.until(d -> config.getAttribute("value").contains("\"contracts\""));
    driver.findElement(By.id("agent-create")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agents"), "contracts"));
    assertThat(driver.findElement(By.id("agent-status")).getText()).contains("contracts");
    assertThat(server.store.agents().find("contracts")).isPresent();

    By delete = By.cssSelector("#agents button[aria-label$='contracts']");
    driver.findElement(delete).click();
    driver.findElement(delete).click();
    wait.until(
        ExpectedConditions.not(
            ExpectedConditions.textToBePresentInElementLocated(By.id("agents"), "contracts")));
    assertThat(server.store.agents().find("contracts")).isEmpty();
  }

  @Test
  void anAdminSeesAUsersDocumentWithItsOwnerAndDeletesIt() {
    String alice = server.user("alice");
    var uploaded =
        server.upload(
            alice,
            Map.of("harbour.txt", "The harbour master opens the gate at noon.".getBytes(UTF_8)),
            false);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);

    logIn("admin", ServerFixture.ADMIN_PASSWORD);
    driver.findElement(By.id("nav-admin")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("admin-documents"), "harbour.txt"));
    assertThat(driver.findElement(By.id("admin-documents")).getText()).contains("alice");

    By delete = By.cssSelector("#admin-documents button[aria-label$='harbour.txt']");
    driver.findElement(delete).click();
    driver.findElement(delete).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("documents-status"), "harbour.txt"));
    assertThat(server.get("/api/documents", alice).json().get("documents")).isEmpty();
  }

  @Test
  void aUserChangesTheirPasswordFromTheAccountPage() {
    server.user("alice");
    String next = "a-new-password-for-alice";

    logIn("alice", ServerFixture.PASSWORD);
    driver.findElement(By.id("nav-account")).click();
    WebElement current =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("current-password")));
    current.sendKeys("not-her-password");
    driver.findElement(By.id("new-password-1")).sendKeys(next);
    driver.findElement(By.id("new-password-2")).sendKeys(next);
    driver.findElement(By.id("password-submit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("password-status"), "current password is wrong"));

    current.clear();
    current.sendKeys(ServerFixture.PASSWORD);
    driver.findElement(By.id("password-submit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("password-status"), "Password changed"));

    assertThat(server.login("alice", next).get("accessToken").asText()).isNotBlank();
    // The session goes on with the pair the change returned.
    driver.findElement(By.id("nav-chat")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("question")));
    assertThat(driver.findElement(By.id("logout")).isDisplayed()).isTrue();
  }

  private void logIn(String user, String password) {
    driver.get(server.uri("/").toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout")));
  }

  /** The page at desktop and phone width, in light and dark mode. */
  private void screenshots(String page) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    for (String theme : List.of("light", "dark")) {
      ((JavascriptExecutor) driver)
          .executeScript("localStorage.setItem('elavira.theme', arguments[0]);", theme);
      for (Map.Entry<String, Dimension> size :
          Map.of("desktop", new Dimension(1280, 900), "phone", new Dimension(390, 844))
              .entrySet()) {
        driver.manage().window().setSize(size.getValue());
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout")));
        if (page.equals("chat")) {
          // A fresh answer: the history of a conversation has no sources to show.
          driver.findElement(By.id("question")).sendKeys("When is the lamp lit?");
          driver.findElement(By.id("send")).click();
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(
                  By.cssSelector("li.assistant .sources")));
        } else if (page.equals("dashboard")) {
          wait.until(
              ExpectedConditions.numberOfElementsToBeMoreThan(
                  By.cssSelector("#chart-tokens svg rect.bar"), 0));
        }
        Object overflow =
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue())
            .as("horizontal overflow of the %s page at %s width", page, size.getKey())
            .isLessThanOrEqualTo(0);
        // The dashboard: every card on a desktop; the figures and the first charts on a phone.
        byte[] png =
            page.equals("dashboard")
                ? page(size.getKey().equals("desktop") ? Double.MAX_VALUE : 1800)
                : ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(page + "-" + size.getKey() + "-" + theme + ".png"), png);
      }
    }
  }

  /** The page from its top, beyond the window, up to {@code maxHeight} (DevTools protocol). */
  private byte[] page(double maxHeight) {
    ChromeDriver chrome = (ChromeDriver) driver;
    Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
    Map<String, Object> shot =
        chrome.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "captureBeyondViewport",
                true,
                "clip",
                Map.of(
                    "x",
                    0,
                    "y",
                    0,
                    "width",
                    // The window's width: beyond the viewport the page is laid out without a scroll
                    // bar.
                    ((Number)
                            ((JavascriptExecutor) driver)
                                .executeScript("return window.innerWidth;"))
                        .doubleValue(),
                    "height",
                    Math.min(maxHeight, ((Number) content.get("height")).doubleValue()),
                    "scale",
                    1)));
    return Base64.getDecoder().decode((String) shot.get("data"));
  }
}
