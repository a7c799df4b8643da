package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * streamed answer and its sources, give feedback, open the dashboard. Saves screenshots of the chat
 * and the dashboard (desktop and phone width, light and dark) under target/screenshots. Skipped
 * with a message when Chromium is absent, except under CI=true.
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
  void anAdminOpensTheDashboardWithStatsUsersAndTheAuditLog() throws IOException {
    server.post("/api/chat", server.adminToken(), Map.of("message", "A first question"));

    logIn("admin", ServerFixture.ADMIN_PASSWORD);
    driver.findElement(By.id("nav-admin")).click();

    wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#stats div"), 0));
    wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#logs tr"), 0));
    assertThat(driver.findElement(By.id("users")).getText()).contains("admin (admin)");
    assertThat(driver.findElement(By.id("stats")).getText()).contains("1");

    screenshots("dashboard");
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
              ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#stats div"), 0));
        }
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(page + "-" + size.getKey() + "-" + theme + ".png"), png);
      }
    }
  }
}
