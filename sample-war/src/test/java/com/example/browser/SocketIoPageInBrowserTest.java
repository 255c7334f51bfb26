package com.example.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.testsupport.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.example.socketio.SocketIoChatGateway;

/**
 * The sample's Socket.IO page in headless Chromium against the embedded runtime: the official client's browser bundle
 * (installed by {@link SocketIoBundle}, served as {@code vendor/socket.io.min.js}) connects to the namespace
 * {@code /chat}, upgrades from long-polling to WebSocket, and chats in rooms with acknowledgements.
 */
class SocketIoPageInBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    static GatewayRuntime runtime;
    static Chromium chromium;
    static WebDriver browser;
    static String home;

    @BeforeAll
    static void start() {
        Path vendor = SocketIoBundle.webRoot();
        chromium = SampleBrowser.start();
        browser = chromium.driver;
        runtime = GatewayRuntime.builder().host("127.0.0.1").port(0).packages(SocketIoChatGateway.class)
                .staticFiles(Path.of("src/main/webapp")).staticFiles(vendor).start();
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

    /** Closes every tab but the first, and leaves it on a blank page (closing its connections). */
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
        return new WebDriverWait(browser, WAIT)
                .withMessage(() -> what + " DEBUG status=" + text("status") + " client=" + text("client") + " url="
                        + browser.getCurrentUrl() + " logs=" + browser.manage().logs().get("browser").getAll())
                .until(condition);
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

    private static List<String> log() {
        return browser.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText).toList();
    }

    /** Opens the page in a new tab, connects as {@code name} and joins {@code room}. */
    private static String connectAndJoin(String name, String room) {
        String tab = open("socketio.html");
        await(name + "'s page loaded the client", b -> browser.findElement(By.id("connectButton")).isEnabled());
        type("name", name);
        click("connectButton");
        await(name + " connected", b -> text("status").equals("Connected as " + name + ".")
                && browser.findElement(By.id("joinButton")).isEnabled());
        type("room", room);
        click("joinButton");
        await(name + "'s join acknowledged", b -> log().contains("✓ joined " + room));
        return tab;
    }

    // tag::browser-socketio[]
    @Test
    void twoTabsChatInARoomWithAcknowledgementsOverAConnectionUpgradedToWebSocket() {
        String ada = connectAndJoin("Ada", "lobby");
        assertThat(text("client")).isEqualTo("vendor/socket.io.min.js"); // the local copy, not the CDN
        assertThat(text("sid")).hasSize(20);
        await("Ada's connection upgraded", b -> text("transport").equals("polling → websocket"));
        assertThat(text("members")).isEqualTo("In lobby: Ada");

        String bob = connectAndJoin("Bob", "lobby");
        assertThat(text("members")).isEqualTo("In lobby: Ada, Bob"); // the join's acknowledgement lists them
        String eve = connectAndJoin("Eve", "kitchen");

        in(ada);
        await("Ada sees Bob arrive", b -> log().contains("Bob joined") && text("members").equals(
                "In lobby: Ada, Bob"));
        type("text", "Hello Bob!");
        click("sendButton");
        await("Ada's message acknowledged, and back to her as a room message", b -> log().containsAll(List.of(
                "✓ delivered to 2 in lobby", "Ada Hello Bob!")));

        in(bob);
        await("Bob gets Ada's message", b -> log().contains("Ada Hello Bob!"));
        await("Bob's connection upgraded", b -> text("transport").equals("polling → websocket"));
        click("sendButton"); // nothing typed: the handler's WsException is the acknowledgement
        await("Bob's empty message refused", b -> log().contains("A message needs some text"));
        SampleBrowser.screenshot(chromium, "sample-socketio");

        in(eve);
        assertThat(log()).containsExactly("✓ joined kitchen");
        assertThat(text("members")).isEqualTo("In kitchen: Eve");

        in(bob).close();
        in(ada);
        await("Ada sees Bob leave", b -> log().contains("Bob left") && text("members").equals("In lobby: Ada"));
    }
    // end::browser-socketio[]

    /**
     * Blocks requests to these URLs in the current tab (a DevTools setting of the tab's page, which a navigation to
     * another site forgets), both in the deprecated {@code urls} older Chromium knows and in {@code urlPatterns}.
     */
    private static void block(String... patterns) {
        chromium.driver.executeCdpCommand("Network.enable", Map.of());
        chromium.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns),
                "urlPatterns", Stream.of(patterns).map(p -> Map.of("urlPattern", p, "block", true)).toList()));
    }

    @Test
    void withoutTheLocalCopyThePageTriesTheCdnAndSaysWhenNeitherLoads() {
        // offline and deterministic: both sources blocked, so the message shows the order they were tried in
        open("index.html"); // the same site as the page, so the blocking survives the navigation to it
        block("*://*:*/vendor/socket.io.min.js", "https://cdn.socket.io/*");
        try {
            browser.get(home + "socketio.html");
            await("the page gave up", b -> text("status").startsWith("The Socket.IO client could not be loaded"));
            assertThat(text("status")).isEqualTo("The Socket.IO client could not be loaded: tried"
                    + " vendor/socket.io.min.js and https://cdn.socket.io/4.8.1/socket.io.min.js.");
            assertThat(browser.findElement(By.id("connectButton")).isEnabled()).isFalse();
            assertThat(text("client")).isEqualTo("–");
        } finally {
            block();
        }
    }
}
