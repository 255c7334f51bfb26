package com.example.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.cdigateway.testsupport.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.example.AsyncApiTools;

/**
 * The sample's AsyncAPI document rendered to HTML by the official AsyncAPI generator and HTML template
 * ({@link AsyncApiTools}), opened from its file in headless Chromium: the page builds itself from the document with
 * nothing from the network, and shows the gateways' channels, operations and messages. Leaves the screenshot
 * {@code sample-asyncapi.png} (in {@code docs/images} when the build sets {@code sample.screenshots}).
 */
class AsyncApiPageInBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    static Path page;
    static Chromium chromium;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        page = AsyncApiTools.samplePage();
        chromium = SampleBrowser.start();
        browser = chromium.driver;
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private static <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).withMessage(what).until(condition);
    }

    @Test
    void thePageShowsTheChannelsOperationsAndMessagesOfTheGateways() {
        browser.get(page.toUri().toString());
        WebElement send = await("the page renders the chat's send_message operation",
                b -> b.findElement(By.id("operation-reply-ChatGateway.send_message")));

        assertThat(browser.getTitle()).isEqualTo("CDI Gateway sample 1.0.0 documentation");
        assertThat(browser.findElement(By.id("introduction")).getText()).contains("CDI Gateway sample 1.0.0",
                "The sample application's gateways", "4401: not authenticated");
        // one operation for each handler and each pushed event, each on the channel of its gateway's path
        String operations = browser.findElement(By.id("operations")).getText();
        assertThat(operations).contains("ChatGateway.send_message", "ChatGateway.emit.message", "JobsGateway.start",
                "AssistantGateway.prompt", "DashboardGateway.emit.metrics", "LoginGateway.login", "/chat/{room}",
                "/jobs", "/assistant");
        assertThat(send.getText()).contains("/chat/{room}", "ChatGateway#send(SendMessage, String, GatewayClient)",
                "send_message", "room");
        assertThat(browser.findElements(By.cssSelector("#schemas [id^=schema-]")).stream()
                .map(e -> e.getAttribute("id"))).contains("schema-SendMessage", "schema-MessageAck",
                        "schema-GatewayError", "schema-JobRequest");

        // the request's frame, expanded: its event name and the schema of its data
        send.findElement(By.xpath(".//button[text()='Expand all'][preceding-sibling::button[.='Payload']]")).click();
        await("the payload of send_message expanded",
                b -> send.getText().contains("correlates the reply and error frames with the request"));
        // data is a SendMessage, with its one property; event the constant; id a string or a number
        assertThat(send.getText().lines().map(String::strip)).containsSubsequence("Object", "text", "String",
                "event", "required", "String", "Const:\"send_message\"", "id", "String | Number");

        // the operation at the top of the window: synchronous, no smooth scrolling
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({behavior: 'instant'})", send);
        SampleBrowser.screenshot(chromium, "sample-asyncapi");
    }
}
