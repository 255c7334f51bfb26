package org.cdigateway.bench.jmh;

import java.util.concurrent.TimeUnit;

import jakarta.websocket.MessageHandler;

import org.cdigateway.bench.server.RawBenchEndpoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dispatch path, frame in to reply serialized and handed to the container: the gateway's echo against the raw
 * endpoint's, on sessions without sockets; {@code gatewayEchoTyped} with a body read as a record. Run with {@code -prof gc} for the allocation per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DispatchBenchmark {

    static final String ECHO = "{\"event\":\"echo\",\"data\":{\"t\":123456789,\"p\":\""
            + "x".repeat(64) + "\"}}";

    /** The same frame for a handler that takes its body as a record. */
    static final String ECHO_TYPED = ECHO.replace("\"echo\"", "\"echo_typed\"");

    private BenchHarness harness;
    private StubSession gatewaySession;
    private MessageHandler.Partial<String> gateway;
    private final RawBenchEndpoint raw = new RawBenchEndpoint();
    private final StubSession rawSession = new StubSession("raw");

    @Setup
    public void setUp() throws Exception {
        harness = new BenchHarness();
        gatewaySession = new StubSession("gateway");
        gateway = harness.open(gatewaySession);
    }

    @TearDown
    public void tearDown() {
        harness.close();
    }

    @Benchmark
    public int gatewayEcho() {
        gateway.onMessage(ECHO, true);
        return gatewaySession.lastLength;
    }

    @Benchmark
    public int gatewayEchoTyped() {
        gateway.onMessage(ECHO_TYPED, true);
        return gatewaySession.lastLength;
    }

    @Benchmark
    public int rawEcho() {
        raw.onMessage(rawSession, ECHO);
        return rawSession.lastLength;
    }
}
