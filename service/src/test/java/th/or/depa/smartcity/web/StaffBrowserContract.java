package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
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
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/**
 * The office and the committee at work in a real headless Chromium: the office forwards from the screening queue
 * and a revision request without a comment shows the rules' 422 reason; three subcommittee members vote (one
 * recuses), the chair reads the tally and closes; the committee's chair is refused without quorum, then the
 * members vote, the chair closes and the certificate shows; forms without the session's CSRF token, and a role the
 * rules refuse, are 403 and change nothing. Plans are set up through the API, every action goes through the browser.
 * Screenshots under service/target (staff-*.png).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StaffBrowserContract {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    abstract Api api();

    /** Tells the screenshots of the two databases apart. */
    abstract String name();

    ChromeDriver browser;
    Path profile;
    WebDriverWait wait;
    String city;
    String office;
    String reviewer;
    String subMember1;
    String subMember2;
    String subChair;
    String comMember;
    String comChair;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        }
        Api api = api();
        city = api.city("org-" + UUID.randomUUID());
        office = api.token(Role.OFFICE, null, null, false);
        reviewer = api.token(Role.REVIEWER, null, null, false);
        subMember1 = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        subMember2 = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        subChair = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        comMember = api.token(Role.COMMITTEE, null, "COMMITTEE", false);
        comChair = api.token(Role.COMMITTEE, null, "COMMITTEE", true);

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("staff-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1400", "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.get(base() + "/ui/static/app.css");
        browser.manage().deleteAllCookies();
    }

    @Test
    void theOfficeForwardsFromTheScreeningQueueAndARevisionRequestNeedsAComment() throws Exception {
        String forwarded = submit();
        String kept = submit();
        signIn(office);
        browser.findElement(By.id("nav-screening")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.plan[data-plan='" + kept + "']")));
        screenshot("screening");

        queueForm(kept, "REQUEST_REVISION").findElement(By.cssSelector("button[type=submit]")).click();
        WebElement refusal = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
        assertEquals("422", refusal.getAttribute("data-code"));
        assertBoth(refusal, "ต้องระบุความเห็น", "needs a comment");
        assertEquals("SCREENING", state(kept), "a refused request changes nothing");

        queueForm(forwarded, "FORWARD").findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr.plan[data-plan='" + forwarded
                + "'][data-state='SCREENING']")));
        assertEquals("SUBCOMMITTEE_REVIEW", state(forwarded));
        assertTrue(browser.findElements(By.id("refusal")).isEmpty(), "back on the queue, nothing refused");

        WebElement revision = queueForm(kept, "REQUEST_REVISION");
        revision.findElement(By.cssSelector("textarea[name=comment]")).sendKeys("ขอแผนงบประมาณ / please add the budget");
        revision.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> "REVISION_REQUESTED".equals(state(kept)));
    }

    @Test
    void theSubcommitteeAndTheCommitteeVoteTheChairsCloseAndTheCertificateShows() throws Exception {
        String plan = submit();
        assertEquals(200, api().post("/api/plans/" + plan + "/actions", office, "{\"action\":\"FORWARD\"}").status());

        vote(subMember1, plan, "APPROVE", "ดีมาก / good");
        signIn(subMember2);
        openPlan(plan);
        browser.findElement(By.cssSelector("form#recuse textarea[name=comment]")).sendKeys("conflict of interest");
        browser.findElement(By.cssSelector("form#recuse button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.vote[data-vote='RECUSED']")));
        vote(subChair, plan, "APPROVE", "approve");

        signIn(subChair);
        openPlan(plan);
        WebElement tally = browser.findElement(By.id("tally"));
        assertEquals("3", tally.getAttribute("data-members"));
        assertEquals("2", tally.getAttribute("data-present"));
        assertEquals("1", tally.getAttribute("data-recused"));
        assertEquals("2", tally.getAttribute("data-approve"));
        assertEquals("0", tally.getAttribute("data-reject"));
        assertEquals("0", tally.getAttribute("data-abstain"));
        screenshot("subcommittee-tally");
        actionForm("CLOSE_VOTE").findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("plan"), "data-state", "COMMITTEE_REVIEW"));

        signIn(comChair);
        openPlan(plan);
        actionForm("CLOSE_VOTE").findElement(By.cssSelector("button[type=submit]")).click();
        WebElement refusal = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
        assertEquals("409", refusal.getAttribute("data-code"));
        assertBoth(refusal, "ไม่ครบองค์ประชุม", "no quorum");
        assertEquals("COMMITTEE_REVIEW", browser.findElement(By.id("plan")).getAttribute("data-state"));
        screenshot("no-quorum");

        vote(comMember, plan, "APPROVE", "เห็นชอบ");
        vote(comChair, plan, "APPROVE", "เห็นชอบ");
        signIn(comChair);
        openPlan(plan);
        assertEquals("2", browser.findElement(By.id("tally")).getAttribute("data-approve"));
        actionForm("CLOSE_VOTE").findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("plan"), "data-state", "CERTIFIED"));
        WebElement certificate = browser.findElement(By.id("certificate"));
        assertFalse(certificate.findElement(By.cssSelector(".valid-from")).getText().isBlank());
        assertFalse(certificate.findElement(By.cssSelector(".valid-until")).getText().isBlank());
        assertFalse(certificate.findElements(By.cssSelector(".domain")).isEmpty());
        assertTrue(browser.findElement(By.id("state")).getText().length() > 0);
        assertFalse(browser.findElements(By.cssSelector("#history tr.event[data-action='CLOSE_VOTE']")).isEmpty());
        assertFalse(browser.findElements(By.cssSelector("form.action[data-action='REVOKE'] textarea[name=comment]"))
                .isEmpty(), "the chair may now revoke");
        screenshot("certified");
    }

    @Test
    void aFormWithoutTheSessionsTokenOrFromARoleTheRulesRefuseIs403AndChangesNothing() throws Exception {
        String plan = submit();
        signIn(office);
        String session = browser.manage().getCookieNamed(WebResource.COOKIE).getValue();
        String csrf = browser.findElement(By.cssSelector("form.signout input[name=csrf]")).getAttribute("value");
        assertEquals(403, post(session, plan, null));
        assertEquals(403, post(session, plan, "not-" + csrf));
        assertEquals("SCREENING", state(plan));
        browser.get(base() + "/ui/plans/" + plan);
        assertFalse(browser.findElements(By.cssSelector("form.action[data-action='FORWARD']")).isEmpty());

        signIn(reviewer);
        browser.get(base() + "/ui/plans/" + plan);
        assertTrue(browser.findElements(By.cssSelector("form.action")).isEmpty(), "the rules refuse a reviewer all");
        String reviewerSession = browser.manage().getCookieNamed(WebResource.COOKIE).getValue();
        String reviewerCsrf = browser.findElement(By.cssSelector("form.signout input[name=csrf]")).getAttribute("value");
        assertEquals(403, post(reviewerSession, plan, reviewerCsrf));
        assertEquals("SCREENING", state(plan));
        browser.get(base() + "/ui/screening");
        assertTrue(browser.findElements(By.cssSelector("tr.plan")).isEmpty(), "the queue is the office's");
    }

    /** A FORWARD posted straight to the form's address with this session and CSRF token (null: none). */
    private int post(String session, String plan, String csrf) throws Exception {
        String form = "action=FORWARD&comment=x" + (csrf == null ? "" : "&csrf=" + URLEncoder.encode(csrf,
                StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/ui/plans/" + plan + "/actions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", WebResource.COOKIE + "=" + session)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void vote(String token, String plan, String vote, String comment) {
        signIn(token);
        openPlan(plan);
        int before = browser.findElements(By.cssSelector("tr.vote")).size();
        browser.findElement(By.cssSelector("form#vote textarea[name=comment]")).sendKeys(comment);
        browser.findElement(By.cssSelector("form#vote button[name=vote][value=" + vote + "]")).click();
        wait.until(d -> d.findElements(By.cssSelector("tr.vote")).size() == before + 1);
    }

    private WebElement queueForm(String plan, String action) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.plan[data-plan='" + plan
                + "'] form.action[data-action='" + action + "']")));
    }

    private WebElement actionForm(String action) {
        return browser.findElement(By.cssSelector("form.action[data-action='" + action + "']"));
    }

    /** The reason in Thai (shown) and in English (in the page, shown after the language toggle). */
    private static void assertBoth(WebElement refusal, String thai, String english) {
        String text = refusal.getAttribute("textContent");
        assertTrue(text.contains(thai), text);
        assertTrue(text.contains(english), text);
        assertTrue(refusal.getText().contains(thai), "Thai shown first: " + refusal.getText());
    }

    private void openPlan(String plan) {
        browser.get(base() + "/ui/plans/" + plan);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan")));
    }

    private void signIn(String token) {
        browser.manage().deleteAllCookies();
        browser.get(base() + "/ui/signin");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("token"))).sendKeys(token);
        browser.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("total")));
    }

    private String submit() {
        Api.Reply r = api().post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals(201, r.status(), r.raw());
        return r.body().path("plan").path("id").asText();
    }

    private String state(String plan) {
        return api().get("/api/plans/" + plan, office).body().path("plan").path("state").asText();
    }

    private String base() {
        return api().url();
    }

    private void screenshot(String page) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "staff-" + name() + "-" + page + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
