package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/**
 * A city officer's work in a real headless browser, per database (CityBrowserH2Test, CityBrowserPostgresTest): sign
 * in with the form, submit a plan by pasting and one by uploading the file, see a broken plan's problems by field,
 * revise the failing plan into SCREENING; then the plan page (H2's template): state, criteria, history,
 * certificate, withdraw through its form and a refusal's reason. Screenshots under service/target (city-*.png).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CityBrowserContract {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Pattern PLAN_PAGE = Pattern.compile(".*/ui/plans/[0-9a-f-]{36}$");

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    ChromeDriver browser;
    Path profile;
    Api api;
    String city;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        api = new Api(app());
        city = api.city("org-" + UUID.randomUUID());
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString()); // no Selenium Manager downloads
        profile = Files.createTempDirectory("city-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class); // a form posted: the old page's elements go stale
    }

    /** Each test starts signed out, whatever the one before left. */
    @BeforeEach
    void signedOut() {
        browser.get(base() + "/ui/static/app.css");
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    String base() {
        return "http://localhost:" + app().getLocalPort(); // localhost: Chromium sends the Secure cookie over http
    }

    @Test
    void aCitySubmitsByPastingAndByUploadSeesProblemsByFieldAndRevisesAFailingPlanIntoScreening() throws Exception {
        signIn(city);

        String phuket = submitPasted(Api.example("phuket-livable-pass"));
        assertEquals("SCREENING", state(phuket));

        browser.get(base() + "/ui/submit");
        File file = Api.EXAMPLES.resolve("one-domain-fails-sc03.plan.json").toAbsolutePath().normalize().toFile();
        browser.findElement(By.cssSelector("input[type=file][name=file]")).sendKeys(file.getPath());
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.urlMatches(PLAN_PAGE.pattern()));
        String failing = idOf(browser.getCurrentUrl());
        assertEquals("NOT_ELIGIBLE", state(failing));

        browser.get(base() + "/ui/submit");
        String wrongArea = Api.example("phuket-livable-pass").replace("\"areaKm2\": 12.0", "\"areaKm2\": \"large\"");
        paste(wrongArea);
        browser.findElement(By.id("send")).click();
        WebElement problem = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("ul#problems li[data-field='city.areaKm2']")));
        assertFalse(problem.getText().isBlank());
        assertTrue(browser.findElement(By.id("unreadable")).getText().contains("ไม่สามารถอ่านแผนได้"));
        assertTrue(browser.findElement(By.id("plan")).getAttribute("value").contains("\"areaKm2\": \"large\""),
                "the pasted text is kept");
        screenshot("city-problems.png");
        browser.findElement(By.id("plan")).clear();
        paste("{\"city\": ");
        WebElement send = browser.findElement(By.id("send"));
        send.click();
        wait.until(ExpectedConditions.stalenessOf(send));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan")));
        assertEquals("{\"city\": ", browser.findElement(By.id("plan")).getAttribute("value"));
        assertFalse(browser.findElements(By.cssSelector("ul#problems li")).isEmpty(), "broken JSON is a problem too");

        browser.get(base() + "/ui/plans");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/ui/plans/" + failing + "']")))
                .click();
        wait.until(ExpectedConditions.urlToBe(base() + "/ui/plans/" + failing));
        assertTrue(browser.getPageSource().contains("Phuket City"), "its own plan page");

        browser.get(base() + "/ui/plans/" + failing + "/revise");
        WebElement text = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan")));
        assertTrue(text.getAttribute("value").contains("\"province\" : \"Phuket\""), "prefilled as last sent");
        screenshot("city-revise.png");
        text.clear();
        paste(Api.example("phuket-livable-pass"));
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.urlToBe(base() + "/ui/plans/" + failing));
        assertEquals("SCREENING", state(failing));
        assertEquals(2, api.get("/api/plans/" + failing, city).body().path("plan").path("revision").asInt());
    }

    /**
     * The plan page's elements (rendered by helper H2's plan template: run after both are merged): state, criteria,
     * history, the revise link for a failing plan, the certificate of a certified one, withdraw through its form, and
     * a refused action's reason.
     */
    @Test
    void thePlanPageShowsStateCriteriaHistoryAndCertificateAndWithdrawsThroughItsForm() throws Exception {
        String failing = submit("one-domain-fails-sc03");
        String screening = submit("phuket-livable-pass");
        String stale = submit("phuket-livable-pass");
        String certified = certified();
        signIn(city);

        browser.get(base() + "/ui/plans/" + failing);
        WebElement main = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#plan")));
        assertEquals("NOT_ELIGIBLE", main.getAttribute("data-state"));
        assertEquals("NOT_MET", browser.findElement(By.cssSelector("tr.criterion[data-criterion='SC-03']"))
                .getAttribute("data-status"));
        assertTrue(browser.findElement(By.id("history")).isDisplayed());
        browser.findElement(By.cssSelector("a#revise")).click();
        wait.until(ExpectedConditions.urlToBe(base() + "/ui/plans/" + failing + "/revise"));

        browser.get(base() + "/ui/plans/" + certified);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#plan[data-state='CERTIFIED']")));
        assertTrue(browser.findElement(By.id("certificate")).isDisplayed());
        assertTrue(browser.findElements(By.cssSelector("a#revise")).isEmpty(), "no revise link once certified");
        screenshot("city-certificate.png");

        browser.get(base() + "/ui/plans/" + screening);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "form.action[data-action='WITHDRAW'] button[type=submit]"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main#plan[data-state='WITHDRAWN']")));
        assertEquals("WITHDRAWN", state(screening));

        browser.get(base() + "/ui/plans/" + stale);
        WebElement withdraw = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "form.action[data-action='WITHDRAW'] button[type=submit]")));
        Api.Reply first = api.post("/api/plans/" + stale + "/actions", city, "{\"action\":\"WITHDRAW\"}");
        assertEquals(200, first.status(), first.raw());
        withdraw.click(); // the page's form is now stale: the rules refuse a second withdrawal
        WebElement refusal = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
        assertEquals("alert", refusal.getAttribute("role"));
        Api.Reply again = api.post("/api/plans/" + stale + "/actions", city, "{\"action\":\"WITHDRAW\"}");
        assertTrue(refusal.getText().contains(again.body().path("reason").path("th").asText()), refusal.getText());
    }

    void signIn(String token) {
        browser.get(base() + "/ui/plans");
        wait.until(ExpectedConditions.urlContains("/ui/signin"));
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("total")));
    }

    String submitPasted(String plan) {
        browser.get(base() + "/ui/submit");
        paste(plan);
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.urlMatches(PLAN_PAGE.pattern()));
        return idOf(browser.getCurrentUrl());
    }

    void paste(String text) {
        browser.findElement(By.cssSelector("textarea[name=plan]")).sendKeys(text);
    }

    String submit(String example) {
        Api.Reply r = api.post("/api/plans", city, Api.example(example));
        assertEquals(201, r.status(), r.raw());
        return r.body().path("plan").path("id").asText();
    }

    /** A plan of this city walked to CERTIFIED through the API by the office and both bodies. */
    String certified() {
        String id = submit("phuket-livable-pass");
        String office = api.token(Role.OFFICE, null, null, false);
        String s1 = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        String s2 = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        String c1 = api.token(Role.COMMITTEE, null, "COMMITTEE", true);
        String c2 = api.token(Role.COMMITTEE, null, "COMMITTEE", false);
        api.token(Role.COMMITTEE, null, "COMMITTEE", false);
        act(office, id, "FORWARD");
        vote(s1, id);
        vote(s2, id);
        act(office, id, "CLOSE_VOTE");
        vote(c1, id);
        vote(c2, id);
        act(c1, id, "CLOSE_VOTE");
        assertEquals("CERTIFIED", state(id));
        return id;
    }

    void act(String token, String id, String action) {
        Api.Reply r = api.post("/api/plans/" + id + "/actions", token, "{\"action\":\"" + action + "\"}");
        assertEquals(200, r.status(), r.raw());
    }

    void vote(String token, String id) {
        Api.Reply r = api.post("/api/plans/" + id + "/votes", token, "{\"vote\":\"APPROVE\"}");
        assertEquals(200, r.status(), r.raw());
    }

    String state(String id) {
        return api.get("/api/plans/" + id, city).body().path("plan").path("state").asText();
    }

    static String idOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    void screenshot(String name) throws Exception {
        Files.write(Path.of("target", name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
