package com.example.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

import com.example.Eventually;

/** The fake model's answer streamed through the gateway, and cancelled. */
@GatewayTest(classes = {AssistantGateway.class, FakeLlm.class})
class AssistantGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theAnswerStreamsTokenByTokenThenEnds(Clients clients) {
        GatewayTestClient client = clients.connect("/assistant");
        String id = client.stream("prompt", "hi");
        StringBuilder answer = new StringBuilder();
        int tokens = 0;
        for (Frame frame = client.awaitStreamFrame(id, WAIT); !frame.isEnd(); frame = client.awaitStreamFrame(id,
                WAIT)) {
            assertThat(frame.isError()).isFalse();
            answer.append(frame.data(String.class));
            tokens++;
            if (tokens == 12) {
                break; // the whole answer takes seconds; twelve tokens show the shape
            }
        }
        assertThat(answer.toString())
                .isEqualTo("You asked: \"hi\". Here is a long and thoughtful answer, written one ");
    }

    @Test
    void aCancelFrameCancelsTheModelAndNothingFollows(Clients clients) {
        FakeLlm llm = clients.runtime().select(FakeLlm.class);
        int before = llm.cancelledCount();
        GatewayTestClient client = clients.connect("/assistant");
        String id = client.stream("prompt", "hi");
        client.awaitStreamFrame(id, WAIT);
        client.cancel("prompt", id);
        Eventually.await("the model was cancelled", WAIT, () -> llm.cancelledCount() == before + 1);
        // tokens sent before the cancel arrived may still come (a few, more on a loaded machine); then nothing
        // more: the whole answer has some 270 tokens and an end frame
        List<Frame> late = new ArrayList<>();
        while (true) {
            try {
                late.add(client.awaitStreamFrame(id, Duration.ofMillis(500)));
            } catch (AssertionError quiet) {
                break;
            }
        }
        assertThat(late).hasSizeLessThan(60).noneMatch(Frame::isEnd);
    }

    @Test
    void aDisconnectCancelsTheModel(Clients clients) {
        FakeLlm llm = clients.runtime().select(FakeLlm.class);
        int before = llm.cancelledCount();
        GatewayTestClient client = clients.connect("/assistant");
        client.awaitStreamFrame(client.stream("prompt", "hi"), WAIT);
        client.close();
        Eventually.await("the model was cancelled", WAIT, () -> llm.cancelledCount() == before + 1);
    }

    @Test
    void anEmptyPromptIsAnError(Clients clients) {
        Frame error = clients.connect("/assistant").request("prompt", " ");
        assertThat(error.errorMessage()).isEqualTo("Ask something first");
    }
}
