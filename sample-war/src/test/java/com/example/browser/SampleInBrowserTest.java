package com.example.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.cdigateway.GatewayClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.testsupport.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.example.assistant.AssistantGateway;
import com.example.assistant.FakeLlm;
import com.example.chat.ChatGateway;
import com.example.dashboard.DashboardGateway;
import com.example.jobs.JobsGateway;
import com.example.login.LoginGateway;

/**
 * The sample's pages in headless Chromium against the embedded runtime: what a user sees and does. Each test leaves
 * a screenshot of its page (in {@code docs/images} when the build sets {@code sample.screenshots}).
 */
class SampleInBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static GatewayRuntime runtime;
    static Chromium chromium;
    static WebDriver browser;
    static String home;

    @BeforeAll
    static void start() {
        chromium = SampleBrowser.start();
        browser = chromium.driver;
        runtime = GatewayRuntime.builder().host("127.0.0.1").port(0)
                .packages(ChatGateway.class, LoginGateway.class, AssistantGateway.class, DashboardGateway.class,
                        JobsGateway.class)
                .staticFiles(Path.of("src/main/webapp")).start();
        home = runtime.httpUri().toString();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Closes every tab but the first, and leaves it on a blank page (closing its sockets). */
    @AfterEach
    void closeTabs() {
        List<String> tabs = List.copyOf(browser.getWindowHandles());
        for (String tab : tabs.subList(1, tabs.size())) {
            browser.switchTo().window(tab).close();
        }
        browser.switchTo().window(tabs.get(0)).get("about:blank");
    }

    private static String open(String page) {
        String current = browser.getCurrentUrl();
        if (!current.startsWith("about:") && !current.startsWith("data:")) {
            browser.switchTo().newWindow(WindowType.TAB);
        }
        browser.get(home + page);
        return browser.getWindowHandle();
    }

    private static WebDriver in(String tab) {
        return browser.switchTo().window(tab);
    }

    private static <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).withMessage(what).until(condition);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    private static String joinChat(String name, String room) {
        String tab = open("chat.html");
        type("name", name);
        type("room", room);
        click("signin");
        await(name + " signed in", b -> text("status").equals("Signed in as " + name + " in room " + room + "."));
        return tab;
    }

    private static String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getAttribute(name);
    }

    /** The one client of {@code gateway} (the test's page), once it is connected. */
    private static GatewayClient onlyClient(Class<?> gateway) {
        return await("one client of " + gateway.getSimpleName(), b -> {
            List<GatewayClient> clients = List.copyOf(runtime.server(gateway).clients());
            return clients.size() == 1 ? clients.get(0) : null;
        });
    }

    private static List<String> log() {
        return browser.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText).toList();
    }

    // tag::browser-chat[]
    @Test
    void twoPagesChatInOneRoomAndAPageInAnotherRoomSeesNothing() {
        String ada = joinChat("Ada", "lobby");
        String bob = joinChat("Bob", "lobby");
        String eve = joinChat("Eve", "kitchen");

        in(ada);
        await("Ada sees Bob arrive", b -> log().contains("Bob joined") && text("members").equals(
                "In the room: Ada, Bob"));
        type("text", "Hello Bob!");
        click("sendButton");
        await("Ada's message acknowledged", b -> log().contains("Ada Hello Bob! ✓ delivered"));

        in(bob);
        await("Bob sees Ada's message", b -> log().contains("Ada Hello Bob!"));
        type("text", "Hi Ada");
        in(ada);
        await("Ada sees Bob typing", b -> text("typing").equals("Bob is typing…"));
        in(bob);
        click("sendButton");
        await("Bob's message acknowledged", b -> log().contains("Bob Hi Ada ✓ delivered"));

        in(ada);
        await("Ada sees Bob's message, and Bob no longer typing", b -> log().contains("Bob Hi Ada")
                && text("typing").isEmpty());
        SampleBrowser.screenshot(chromium, "sample-chat");

        in(eve);
        assertThat(log()).isEmpty();
        assertThat(text("members")).isEqualTo("In the room: Eve");

        in(bob).close();
        in(ada);
        await("Ada sees Bob leave", b -> log().contains("Bob left") && text("members").equals("In the room: Ada"));
    }
    // end::browser-chat[]

    @Test
    void aPageWithoutATokenIsRefusedWithAReadableMessage() {
        open("chat.html");
        click("guest");
        await("the refusal is shown", b -> text("status").startsWith("Refused: "));
        assertThat(text("status")).isEqualTo(
                "Refused: You are not signed in. Sign in first: this room needs a token. (code 4401)");
        assertThat(browser.findElement(By.id("text")).isEnabled()).isFalse();
        assertThat(text("connection")).as("no reconnection after a refusal").isEqualTo("Closed (code 4401)");
        SampleBrowser.screenshot(chromium, "sample-chat-refused");
    }

    @Test
    void theAnswerStreamsTokenByTokenAndStopEndsItOnTheServer() {
        FakeLlm llm = runtime.select(FakeLlm.class);
        int cancelledBefore = llm.cancelledCount();
        open("assistant.html");
        await("connected", b -> text("status").equals("Connected.") && text("connection").equals("Connected"));
        GatewayClient page = onlyClient(AssistantGateway.class);
        click("askButton");
        await("tokens render", b -> Integer.parseInt(text("tokens")) >= 15);
        assertThat(text("answer")).startsWith("You asked: \"What is a gateway?\". Here is a long");
        SampleBrowser.screenshot(chromium, "sample-assistant");

        click("stop");
        new WebDriverWait(browser, Duration.ofSeconds(1)).withMessage("the server's publisher cancelled within 1 s")
                .until(b -> llm.cancelledCount() == cancelledBefore + 1);
        await("the page says it stopped", b -> text("status").startsWith("Stopped after "));
        String shown = text("answer");
        int tokens = Integer.parseInt(text("tokens"));
        assertThat(text("status")).isEqualTo("Stopped after " + tokens + " tokens.");
        // no token renders after Stop (the page drops any still on the way)
        assertThatThrownBy(() -> new WebDriverWait(browser, Duration.ofMillis(600)).pollingEvery(Duration.ofMillis(50))
                .until(b -> !text("answer").equals(shown))).isInstanceOf(TimeoutException.class);
        // a cancel frame, not a closed connection, stopped the model: the page's connection is the same and open
        assertThat(onlyClient(AssistantGateway.class).id()).isEqualTo(page.id());
        assertThat(page.isOpen()).isTrue();
        assertThat(text("connection")).isEqualTo("Connected");
        assertThat(browser.findElement(By.id("askButton")).isEnabled()).isTrue();
    }

    // tag::browser-reconnect[]
    @Test
    void theChatReconnectsWithItsTokenWhenTheServerDropsTheConnection() {
        joinChat("Ada", "lobby");
        GatewayClient first = onlyClient(ChatGateway.class);
        assertThat(first.subprotocol()).as("the client's browser route for the token").isEqualTo("bearer");
        assertThat(text("connection")).isEqualTo("Connected");

        first.close(1012, "");
        await("the page reconnects, shows it, and is welcomed again", b -> "1".equals(attribute("connection",
                "data-reconnects")) && text("status").equals("Signed in as Ada in room lobby."));
        assertThat(text("connection")).isEqualTo("Reconnected");
        assertThat(attribute("connection", "title")).isEqualTo(
                "Connected again after: The server is restarting. (code 1012)");
        assertThat(attribute("connection", "data-state")).isEqualTo("open");
        GatewayClient second = onlyClient(ChatGateway.class);
        assertThat(second.id()).isNotEqualTo(first.id());
        String name = second.attribute("name");
        assertThat(name).as("the name of the token, sent again").isEqualTo("Ada");

        type("text", "Still here");
        click("sendButton");
        await("the message sent on the new connection is acknowledged",
                b -> log().contains("Ada Still here ✓ delivered"));
    }
    // end::browser-reconnect[]

    @Test
    void theDashboardComesBackAfterTheServerDropsIt() {
        open("dashboard.html");
        await("live", b -> text("status").equals("Live.") && !text("tick").equals("–"));
        runtime.server(DashboardGateway.class).clients().forEach(c -> c.close(1001, "Redeploying"));
        await("the page reconnects and shows why it had to",
                b -> "1".equals(attribute("connection", "data-reconnects")) && text("status").equals("Live."));
        assertThat(text("connection")).isEqualTo("Reconnected");
        assertThat(attribute("connection", "title")).isEqualTo(
                "Connected again after: The server is going away (shutting down or redeploying). Redeploying. (code 1001)");
        long tick = Long.parseLong(text("tick"));
        await("samples pushed to the new connection", b -> Long.parseLong(text("tick")) >= tick + 2);
        assertThat(text("dashboards")).isEqualTo("1");
    }

    @Test
    void theDashboardUpdatesWithoutReload() {
        open("dashboard.html");
        await("live", b -> text("status").equals("Live."));
        await("a first sample", b -> !text("tick").equals("–"));
        long first = Long.parseLong(text("tick"));
        await("a later sample, pushed", b -> Long.parseLong(text("tick")) >= first + 2);
        assertThat(text("heap")).matches("\\d+ / \\d+ MiB");
        assertThat(text("dashboards")).isEqualTo("1");
        SampleBrowser.screenshot(chromium, "sample-dashboard");
    }

    @Test
    void aJobReportsProgressToOneHundredPercent() {
        open("jobs.html");
        await("connected", b -> text("status").equals("Connected."));
        type("steps", "8");
        click("startButton");
        await("halfway", b -> Integer.parseInt(text("percent")) >= 50);
        await("done", b -> text("percent").equals("100") && text("status").endsWith(" done."));
        assertThat(log()).hasSize(9).last().isEqualTo("Done: Monthly report finished");
        SampleBrowser.screenshot(chromium, "sample-jobs");
    }

    @Test
    void theHomePageLinksEveryUseCase() {
        open("");
        assertThat(browser.findElements(By.cssSelector(".tiles a")).stream().map(a -> a.getAttribute("href"))
                .map(h -> h.substring(h.lastIndexOf('/') + 1)).toList()).containsExactly("chat.html",
                        "assistant.html", "dashboard.html", "jobs.html", "socketio.html");
        SampleBrowser.screenshot(chromium, "sample-home");
    }
}
