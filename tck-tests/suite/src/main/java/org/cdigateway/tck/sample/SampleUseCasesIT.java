package org.cdigateway.tck.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample's other gateways on the server: a streamed answer that can be stopped, pushed metrics, a job. */
@ExtendWith(ArquillianExtension.class)
class SampleUseCasesIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.sampleWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void theAssistantStreamsTokensAndStopsWhenAsked() {
        try (GatewayTestClient client = WebSockets.connect(base, "assistant")) {
            String id = client.stream("prompt", "hi");
            StringBuilder answer = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                Frame token = client.awaitStreamFrame(id, WAIT);
                assertThat(token.isEnd()).isFalse();
                answer.append(token.data(String.class));
            }
            assertThat(answer.toString()).isEqualTo("You asked: \"hi\". Here is ");
            client.cancel("prompt", id);
            // tokens sent before the cancel arrived may still come; then nothing more (the whole answer has some
            // 270 tokens and an end frame)
            assertThat(framesUntilQuiet(client, id, Duration.ofMillis(700))).hasSizeLessThan(60)
                    .noneMatch(Frame::isEnd);
        }
    }

    /** Consumes the frames of a stream until none arrives for {@code quiet}. */
    static java.util.List<Frame> framesUntilQuiet(GatewayTestClient client, String id, Duration quiet) {
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        while (true) {
            try {
                frames.add(client.awaitStreamFrame(id, quiet));
            } catch (AssertionError none) {
                return frames;
            }
        }
    }

    @Test
    void theDashboardIsPushedASampleEverySecond() {
        try (GatewayTestClient client = WebSockets.connect(base, "dashboard")) {
            JsonObject first = client.awaitEvent("metrics", WAIT).data().asJsonObject();
            JsonObject next = client.awaitEvent("metrics", WAIT).data().asJsonObject();
            assertThat(next.getJsonNumber("tick").longValue()).isEqualTo(first.getJsonNumber("tick").longValue() + 1);
            assertThat(next.getJsonNumber("heapMaxMb").longValue()).isPositive();
        }
    }

    @Test
    void aJobReportsProgressToOneHundredPercent() {
        try (GatewayTestClient client = WebSockets.connect(base, "jobs")) {
            String jobId = client.request("start", Map.of("name", "report", "steps", 3)).data().asJsonObject()
                    .getString("jobId");
            for (int percent : new int[]{33, 66, 100}) {
                JsonObject progress = client.awaitEvent("progress", WAIT).data().asJsonObject();
                assertThat(progress.getString("jobId")).isEqualTo(jobId);
                assertThat(progress.getInt("percent")).isEqualTo(percent);
            }
            assertThat(client.awaitEvent("done", WAIT).data().asJsonObject().getInt("percent")).isEqualTo(100);
        }
    }
}
