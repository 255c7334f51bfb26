package com.example.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.cdigateway.junit5.RedisServer;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.testsupport.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.example.ClusterSample;

/**
 * The sample on two nodes sharing one Redis, as {@link ClusterSample} runs it, in headless Chromium: a tab on each
 * node, both in one chat room, see each other arrive, type, talk and leave.
 */
class TwoNodesInBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String URI = "cdigateway.redis.uri";

    static RedisServer redis;
    static GatewayRuntime nodeA;
    static GatewayRuntime nodeB;
    static Chromium chromium;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        chromium = SampleBrowser.start();
        browser = chromium.driver;
        redis = RedisServer.start();
        System.setProperty(URI, redis.uri());
        Path pages = Path.of("src/main/webapp");
        nodeA = ClusterSample.node("127.0.0.1", 0, pages);
        nodeB = ClusterSample.node("127.0.0.1", 0, pages);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            try {
                for (GatewayRuntime node : new GatewayRuntime[]{nodeA, nodeB}) {
                    if (node != null) {
                        node.close();
                    }
                }
            } finally {
                System.clearProperty(URI);
                if (redis != null) {
                    redis.close();
                }
            }
        }
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

    private static List<String> log() {
        return browser.findElements(By.cssSelector("#log li")).stream().map(WebElement::getText).toList();
    }

    private static WebDriver in(String tab) {
        return browser.switchTo().window(tab);
    }

    /** Opens the chat page of {@code node} in a new tab, signs in there and joins {@code room}; returns the tab. */
    private static String joinChat(GatewayRuntime node, String name, String room) {
        if (!browser.getCurrentUrl().startsWith("about:") && !browser.getCurrentUrl().startsWith("data:")) {
            browser.switchTo().newWindow(WindowType.TAB);
        }
        browser.get(node.httpUri().resolve("chat.html").toString());
        type("name", name);
        type("room", room);
        click("signin");
        await(name + " signed in on port " + node.port(),
                b -> text("status").equals("Signed in as " + name + " in room " + room + "."));
        return browser.getWindowHandle();
    }

    @Test
    void aTabOnEachNodeChatInOneRoomThroughRedis() {
        String ada = joinChat(nodeA, "Ada", "harbour");
        String bob = joinChat(nodeB, "Bob", "harbour");
        await("Bob, on node B, is welcomed with the members of both nodes",
                b -> text("members").equals("In the room: Ada, Bob"));

        in(ada);
        await("Ada, on node A, sees Bob arrive on node B", b -> log().contains("Bob joined"));
        assertThat(text("members")).isEqualTo("In the room: Ada, Bob");
        type("text", "Hello from node A");
        click("sendButton");
        await("Ada's message acknowledged by node A", b -> log().contains("Ada Hello from node A ✓ delivered"));

        in(bob);
        await("Bob, on node B, sees Ada's message", b -> log().contains("Ada Hello from node A"));
        type("text", "Hello from node B");
        in(ada);
        await("Ada sees Bob typing on node B", b -> text("typing").equals("Bob is typing…"));
        in(bob);
        click("sendButton");
        await("Bob's message acknowledged by node B", b -> log().contains("Bob Hello from node B ✓ delivered"));

        in(ada);
        await("Ada sees Bob's message, and Bob no longer typing", b -> log().contains("Bob Hello from node B")
                && text("typing").isEmpty());
        // Bob's message left node B after Ada's reached it, so any second copy of Ada's would be shown by now
        assertThat(log()).containsExactly("Bob joined", "Ada Hello from node A ✓ delivered", "Bob Hello from node B");
        in(bob);
        assertThat(log()).containsExactly("Ada Hello from node A", "Bob Hello from node B ✓ delivered");

        in(bob).close();
        in(ada);
        await("Ada sees Bob leave node B", b -> log().contains("Bob left") && text("members").equals(
                "In the room: Ada"));
    }
}
