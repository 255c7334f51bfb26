package org.cdigateway.client.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's own tests ({@code clients/js/test}, {@code node --test}) against the embedded runtime. */
class NodeClientTest {

    static GatewayRuntime runtime;

    @BeforeAll
    static void start() {
        Node.built();
        runtime = GatewayRuntime.builder().host("127.0.0.1").port(0).beanClasses(TestGateway.class).start();
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theClientsTestsPassInNode() {
        String url = "ws://127.0.0.1:" + runtime.port();
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap"));
        command.addAll(Node.testFiles());
        Node.Run run = Node.run(command, Map.of("GATEWAY_URL", url), 180);
        System.out.println(run.output());
        assertThat(run.exitCode()).as("node --test:\n%s", run.output()).isZero();
        assertThat(run.output()).as("node --test:\n%s", run.output()).contains("# fail 0").doesNotContain(
                "# pass 0\n");
    }
}
