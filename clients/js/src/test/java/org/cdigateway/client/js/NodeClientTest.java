package org.cdigateway.client.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cdigateway.internal.asyncapi.AsyncApiGenerator;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.testsupport.ProcessRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's own tests ({@code clients/js/test}, {@code node --test}) against the embedded runtime, and its types
 * generated from the AsyncAPI document of the same gateway.
 */
class NodeClientTest {

    static GatewayRuntime runtime;
    static Path asyncApi;

    @BeforeAll
    static void start() throws IOException {
        asyncApi = Node.PACKAGE.resolve("target/asyncapi.json");
        Files.writeString(asyncApi, AsyncApiGenerator.write(new AsyncApiGenerator("Client tests", "1.0.0")
                .generate(List.of(TestGateway.class))));
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
        Node.built(); // skips the test, with the reason, without Node.js
        String url = "ws://127.0.0.1:" + runtime.port();
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap"));
        command.addAll(Node.testFiles());
        ProcessRun run = Node.run(command, Map.of("GATEWAY_URL", url, "ASYNCAPI", asyncApi.toString()), 180);
        System.out.println(run.output());
        assertThat(run.exitCode()).as("node --test:\n%s", run.output()).isZero();
        assertThat(run.output()).as("node --test:\n%s", run.output()).contains("# fail 0").doesNotContain(
                "# pass 0\n");
    }
}
