package com.example.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

@GatewayTest(classes = {JobsGateway.class, JobRunner.class})
class JobsGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aJobReportsItsProgressToItsClientUntilDone(Clients clients) {
        GatewayTestClient client = clients.connect("/jobs");
        JobStarted started = client.request("start", Map.of("name", "report", "steps", 4)).data(JobStarted.class);
        assertThat(started.steps()).isEqualTo(4);
        List<Integer> percents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Progress p = client.awaitEvent("progress", WAIT).data(Progress.class);
            assertThat(p.jobId()).isEqualTo(started.jobId());
            percents.add(p.percent());
        }
        assertThat(percents).containsExactly(25, 50, 75, 100);
        assertThat(client.awaitEvent("done", WAIT).data(Progress.class).stage()).isEqualTo("report finished");
    }

    @Test
    void aJobWithoutStepsIsRefused(Clients clients) {
        Frame refused = clients.connect("/jobs").request("start", Map.of("name", "report", "steps", 0));
        assertThat(refused.isError()).isTrue();
        assertThat(refused.data().asJsonObject().getJsonArray("violations").getJsonObject(0).getString("message"))
                .isEqualTo("At least one step");
    }
}
