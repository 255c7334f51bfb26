package org.cdigateway.client.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.testsupport.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The built client ({@code dist/index.js}) in headless Chromium: a page served by the embedded runtime connects with
 * a token in the subprotocol, and runs requests, streams, a cancel, an error and a binary round trip.
 */
class BrowserClientTest {

    static final Path SITE = Node.PACKAGE.resolve("target/browser-test");

    static GatewayRuntime runtime;
    static Chromium chromium;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(SITE);
        runtime = GatewayRuntime.builder().host("127.0.0.1").port(0).beanClasses(TestGateway.class)
                .staticFiles(SITE).start();
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

    @Test
    void aPageRequestsStreamsCancelsAndSendsBinaryFrames() throws IOException {
        Path pkg = Node.built(); // skips the test, with the reason, without Node.js or Chromium
        Files.copy(pkg.resolve("dist/index.js"), SITE.resolve("index.js"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pkg.resolve("src/test/browser/client.html"), SITE.resolve("client.html"),
                StandardCopyOption.REPLACE_EXISTING);
        chromium = Chromium.start("the client's browser test");
        chromium.driver.get(runtime.httpUri().resolve("/client.html").toString());
        String text = new WebDriverWait(chromium.driver, Duration.ofSeconds(20))
                .withMessage("the page's result")
                .until(d -> {
                    String t = d.findElement(By.id("result")).getText();
                    return t.isEmpty() ? null : t;
                });
        JsonObject result = Json.createReader(new StringReader(text)).readObject();
        assertThat(result.containsKey("failure")).as("%s", result).isFalse();
        assertThat(result.getJsonObject("who").getString("token")).isEqualTo("page-token");
        assertThat(result.getJsonObject("who").getString("via")).isEqualTo("subprotocol");
        assertThat(result.getJsonObject("echo").getString("text")).isEqualTo("from the page");
        assertThat(result.getJsonObject("echo").getString("room")).isEqualTo("web");
        assertThat(result.get("count").toString()).isEqualTo("[1,2,3]");
        assertThat(result.get("ticks").toString()).isEqualTo("[1,2]");
        assertThat(result.getBoolean("cancelled")).isTrue();
        assertThat(result.get("error").toString()).isEqualTo("{\"gatewayError\":true,\"code\":\"UNKNOWN_EVENT\","
                + "\"message\":\"No handler for event \\\"no-such-event\\\"\"}");
        assertThat(result.get("binary").toString()).isEqualTo("[9,8,7]");
        assertThat(result.get("states").toString()).isEqualTo("[\"open\",\"closed\"]");
        assertThat(result.getString("final")).isEqualTo("closed");
    }
}
