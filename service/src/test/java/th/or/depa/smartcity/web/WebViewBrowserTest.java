package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/**
 * The web view in a real headless browser (Debian's chromium driven through chromium-driver with Selenium): sign in
 * through the form, filter by province, open a plan, switch the language, see the decisions chart; a reviewer's
 * proposal from the threshold form, its diff, impact analysis and four eyes. Screenshots are saved under
 * service/target (web-view*.png). Without chromium and chromedriver the test fails: .ci/run installs them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebViewBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String URL = TestDatabases.freshH2();
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(URL);

    static ChromeDriver browser;
    static Path profile;
    static String phuket;
    static String korat;
    static String office;
    static String reviewer;
    static String secondReviewer;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        Api api = new Api(APP);
        String city = api.city("org-" + UUID.randomUUID());
        phuket = submit(api, city, "phuket-livable-pass");
        korat = submit(api, api.city("org-k-" + UUID.randomUUID(), "Nakhon Ratchasima"), "korat-new-city-pass");
        office = api.token(Role.OFFICE, null, null, false);
        reviewer = api.token(Role.REVIEWER, null, null, false);
        secondReviewer = api.token(Role.REVIEWER, null, null, false);
        admin = api.token(Role.ADMIN, null, null, false);

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString()); // no Selenium Manager downloads
        profile = Files.createTempDirectory("web-view-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    static String submit(Api api, String city, String example) {
        Api.Reply r = api.post("/api/plans", city, Api.example(example));
        assertEquals(201, r.status(), r.raw());
        return r.body().path("plan").path("id").asText();
    }

    /** Each test starts signed out, whatever the one before left. */
    @BeforeEach
    void signedOut() {
        browser.get("http://localhost:" + APP.getLocalPort() + "/ui/static/app.css");
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInFilterOpenAPlanSwitchLanguageAndSeeTheChart() throws Exception {
        String base = "http://localhost:" + APP.getLocalPort(); // localhost: Chromium sends the Secure cookie over http
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(base + "/ui/plans");
        wait.until(ExpectedConditions.urlContains("/ui/signin"));
        browser.findElement(By.id("token")).sendKeys(office);
        browser.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("total")));
        assertTrue(browser.getCurrentUrl().endsWith("/ui/plans"), browser.getCurrentUrl());
        assertTrue(links().contains(phuket) && links().contains(korat), links());

        new Select(browser.findElement(By.id("province"))).selectByValue("Phuket");
        browser.findElement(By.id("filter")).click();
        wait.until(ExpectedConditions.urlContains("province=Phuket"));
        assertEquals("1", browser.findElement(By.id("total")).getText());
        assertTrue(links().contains(phuket), links());
        assertFalse(links().contains(korat), links());

        browser.findElement(By.cssSelector("a.open[href='/ui/plans/" + phuket + "']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".criteria .title")));
        WebElement thai = browser.findElement(By.cssSelector(".criteria .title[lang='th']"));
        WebElement english = browser.findElement(By.cssSelector(".criteria .title.en"));
        assertTrue(thai.isDisplayed() && !english.isDisplayed(), "Thai first");
        browser.findElement(By.id("lang-toggle")).click();
        assertTrue(english.isDisplayed(), "English shown after the toggle");
        assertFalse(thai.isDisplayed(), "Thai hidden after the toggle");
        browser.findElement(By.id("lang-toggle")).click();
        assertTrue(thai.isDisplayed(), "Thai title visible again");
        assertFalse(english.isDisplayed(), "English hidden again");
        assertFalse(thai.getText().isBlank());
        screenshot("web-view-plan.png");
        assertTrue(browser.findElement(By.id("pdf")).getAttribute("href").endsWith("/ui/plans/" + phuket + "/report.pdf"));

        browser.findElement(By.cssSelector(".ui-nav a[href='/ui/decisions']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".charts svg")));
        assertTrue(browser.findElement(By.cssSelector(".charts svg")).isDisplayed());
        assertTrue(browser.findElements(By.cssSelector(".charts svg rect")).size() > 0, "the chart has bars");
        screenshot("web-view.png");

        browser.findElement(By.id("signout")).click();
        wait.until(ExpectedConditions.urlContains("/ui/signin"));
        browser.get(base + "/ui/plans");
        wait.until(ExpectedConditions.urlContains("/ui/signin"));
    }

    /**
     * A reviewer proposes a threshold through the form, reads the proposal's diff, runs its impact analysis and reads
     * the table; activating their own proposal is refused in Thai and in English; a second reviewer puts it in force;
     * an admin rolls the bundled rules back.
     */
    @Test
    void aReviewerProposesAThresholdSeesItsDiffAndImpactAndOnlyASecondReviewerPutsItInForce() throws Exception {
        String base = "http://localhost:" + APP.getLocalPort();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90)); // a proposal is checked in a worker JVM
        wait.ignoring(StaleElementReferenceException.class); // a form posted: the old page's elements go stale
        signIn(base, reviewer, wait);
        browser.findElement(By.id("nav-rulesets")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.rulesets-list")));
        String bundled = browser.findElement(By.cssSelector("td.state[data-state='ACTIVE']"))
                .findElement(By.xpath("..")).getAttribute("data-version");

        browser.findElement(By.id("propose")).click();
        WebElement minDomains = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("value-minDomains")));
        assertEquals("2", minDomains.getAttribute("value"));
        assertTrue(browser.findElement(By.cssSelector("tr.threshold[data-name='minDomains'] td.meaning")).getText()
                .contains("smart domains"));
        minDomains.clear();
        minDomains.sendKeys("6");
        browser.findElement(By.id("note")).sendKeys("six domains");
        browser.findElement(By.id("propose-submit")).click();
        WebElement state = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("state")));
        assertEquals("PROPOSED", state.getAttribute("data-state"));
        String version = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertEquals("six domains", browser.findElement(By.id("note")).getText());

        WebElement threshold = browser.findElement(By.cssSelector("#thresholds-diff tr.parameter[data-name='minDomains']"));
        assertEquals("2", threshold.findElement(By.cssSelector(".old")).getText());
        assertEquals("6", threshold.findElement(By.cssSelector(".new")).getText());
        assertTrue(browser.findElements(By.cssSelector(".file-diff[data-path='parameters.csv'] pre.udiff span.add"))
                .stream().anyMatch(l -> l.getText().startsWith("+minDomains,6,")), "the file's unified diff");
        screenshot("web-view-ruleset-diff.png");

        browser.findElement(By.id("impact")).click();
        wait.until(ExpectedConditions.urlContains("/ui/rulesets/" + version + "/impact/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("impact-summary"))); // polled until done
        assertEquals("2", browser.findElement(By.id("pass-to-fail")).getText(), "both stored plans fail SC-03");
        assertTrue(browser.findElement(By.cssSelector("#impact-criteria tr[data-criterion='SC-03'] .count")).getText()
                .equals("2"));
        assertTrue(browser.findElements(By.cssSelector("#impact-plans tr.changed-plan[data-plan='" + phuket + "']"))
                .size() == 1, "the Phuket plan is in the table");
        screenshot("web-view-impact.png");

        browser.get(base + "/ui/rulesets/" + version);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("activate"))).click();
        WebElement heading = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".refusal h1")));
        WebElement thai = heading.findElement(By.cssSelector("[lang='th']"));
        WebElement english = heading.findElement(By.cssSelector(".en"));
        assertTrue(thai.isDisplayed() && !english.isDisplayed(), "Thai first");
        assertEquals("คำขอถูกปฏิเสธ", thai.getText());
        assertTrue(browser.findElement(By.id("refusal")).getText().contains("ต้องให้ผู้ตรวจสอบคนที่สอง"),
                "the four-eyes reason in Thai");
        browser.findElement(By.id("lang-toggle")).click();
        assertTrue(english.isDisplayed() && !thai.isDisplayed(), "English after the toggle");
        assertEquals("The request was refused", english.getText());
        assertTrue(browser.findElement(By.id("refusal")).getText().contains("proposer cannot activate"),
                "the four-eyes reason in English");
        screenshot("web-view-four-eyes.png");
        signOut(wait);

        signIn(base, secondReviewer, wait);
        browser.get(base + "/ui/rulesets/" + version);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("activate"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ACTIVE"));
        assertTrue(browser.findElements(By.id("activate")).isEmpty());
        signOut(wait);

        signIn(base, admin, wait);
        browser.get(base + "/ui/rulesets/" + bundled);
        assertTrue(browser.findElements(By.id("activate")).isEmpty() && browser.findElements(By.id("impact")).isEmpty(),
                "an admin only rolls back");
        browser.findElement(By.id("rollback")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ACTIVE"));
        signOut(wait);
    }

    private void signIn(String base, String token, WebDriverWait wait) {
        browser.get(base + "/ui/signin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token"))).sendKeys(token);
        browser.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("total")));
    }

    private void signOut(WebDriverWait wait) {
        browser.findElement(By.id("signout")).click();
        wait.until(ExpectedConditions.urlContains("/ui/signin"));
    }

    private String links() {
        return String.join(" ", browser.findElements(By.cssSelector("a.open")).stream()
                .map(a -> a.getAttribute("href")).toList());
    }

    private static void screenshot(String name) throws Exception {
        Path target = Path.of("target");
        Files.createDirectories(target);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
