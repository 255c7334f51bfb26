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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A broadcast frame in, one frame out to each member of a room: the gateway's {@code server.to(room).emit} against
 * the raw endpoint's loop over a concurrent set, on sessions without sockets. Divide {@code -prof gc}'s allocation
 * per operation by the member count for the allocation per delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RoomEmitBenchmark {

    static final String JOIN = "{\"event\":\"join\",\"data\":\"bench-room\"}";
    static final String BROADCAST = "{\"event\":\"broadcast\",\"data\":{\"room\":\"bench-room\",\"payload\":{\"t\":1,"
            + "\"p\":\"" + "x".repeat(64) + "\"}}}";

    @Param("1000")
    public int members;

    private BenchHarness harness;
    private MessageHandler.Partial<String> gatewaySender;
    private final RawBenchEndpoint raw = new RawBenchEndpoint();
    private StubSession rawSender;

    @Setup
    public void setUp() throws Exception {
        harness = new BenchHarness();
        for (int i = 0; i < members; i++) {
            StubSession session = new StubSession("g" + i);
            MessageHandler.Partial<String> handler = harness.open(session);
            handler.onMessage(JOIN, true);
            if (i == 0) {
                gatewaySender = handler;
            }
            StubSession rawSession = new StubSession("r" + i);
            raw.onMessage(rawSession, JOIN);
            if (i == 0) {
                rawSender = rawSession;
            }
        }
    }

    @TearDown
    public void tearDown() {
        harness.close();
    }

    @Benchmark
    public long gatewayBroadcast() {
        gatewaySender.onMessage(BROADCAST, true);
        return rawSender.sent;
    }

    @Benchmark
    public long rawBroadcast() {
        raw.onMessage(rawSender, BROADCAST);
        return rawSender.sent;
    }
}
