package org.cdigateway.fuzz;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.logging.LogRecord;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

import org.cdigateway.fuzz.FrameScript.Kind;
import org.cdigateway.fuzz.FrameScript.Step;
import org.cdigateway.fuzz.FuzzClient.Binary;
import org.cdigateway.fuzz.FuzzClient.Closed;
import org.cdigateway.fuzz.FuzzClient.Failed;
import org.cdigateway.fuzz.FuzzClient.Received;
import org.cdigateway.fuzz.FuzzClient.Text;
import org.cdigateway.internal.log.LogLimiter;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target 2, end to end: {@link FuzzGateway} on the embedded runtime in this JVM (so that the fuzzer sees the
 * coverage of the server's code), and one long-lived WebSocket client that sends each input as a few frames
 * ({@link FrameScript}).
 * <p>
 * Property, for each frame: it is answered — by a reply, an error frame of the wire protocol or a documented close
 * code — before the answer to a sentinel request sent right after it; only a cancel and the handlers that answer
 * nothing ({@link FuzzGateway#SILENT}) may stay silent, and the handlers that answer later
 * ({@link FuzzGateway#LATER}) must answer within {@link #ANSWER}. Every answer is a JSON object with an event; an
 * answer to a frame that had an id (the harness adds one where it can) echoes it, unless the frame was unreadable;
 * error codes are documented, and INTERNAL answers only the handlers that fail on purpose. The server logs no
 * warning or error while doing so, and keeps accepting clients: after a close the harness connects again, and every
 * {@link #PROBE_EVERY} inputs a second client checks that it is served.
 */
class GatewayFuzzTest {

    static final Duration ANSWER = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(2);
    static final Duration POLL = Duration.ofMillis(100);
    static final int PROBE_EVERY = 250;

    // tag::documented[]
    /** The close codes of the wire protocol. */
    static final Set<Integer> DOCUMENTED_CLOSES = Set.of(1000, 1001, 1003, 1008, 1009, 1011, 1013, 4401, 4403,
            4429);
    /** The codes of the error frames of the wire protocol. */
    static final Set<String> ERROR_CODES = Set.of("BAD_FRAME", "UNKNOWN_EVENT", "VALIDATION_FAILED", "FORBIDDEN",
            "INTERNAL");
    // end::documented[]

    static final FuzzRun RUN = new FuzzRun("GatewayFuzzTest");
    static final String NONCE = Long.toHexString(new SecureRandom().nextLong());
    static final JsonProvider JSON = JsonProvider.provider();
    static final BiPredicate<String, Integer> LOOPBACK = (host, port) -> loopback(host);

    static ServerLog serverLog;
    static GatewayRuntime runtime;
    static URI uri;
    static FuzzClient client;
    static long frames;

    @BeforeAll
    static void start() throws Exception {
        serverLog = ServerLog.install();
        runtime = newRuntime();
        uri = runtime.wsUri("/fuzz");
        client = FuzzClient.connect(uri);
        warmUp();
        serverLog.drain();
    }

    /** The embedded runtime serving {@link FuzzGateway} on a free port of 127.0.0.1. */
    static GatewayRuntime newRuntime() {
        return GatewayRuntime.builder()
                .port(0)
                .beanClasses(FuzzGateway.class, FuzzGateway.AllowGuard.class, FuzzGateway.RejectedFilter.class)
                .start();
    }

    /** Lets the first frames pay for the lazy start of validation and binding, not the fuzzer's timeouts. */
    private static void warmUp() throws Exception {
        String[] frames = {
                "{\"event\":\"order\",\"data\":{\"customer\":\"a\",\"items\":[{\"name\":\"b\",\"quantity\":1}]}}",
                "{\"event\":\"shape\",\"data\":{\"kind\":\"circle\",\"radius\":1}}",
                "{\"event\":\"stamp\",\"data\":{\"level\":\"LOW\",\"at\":\"2024-01-01T00:00:00Z\"}}"};
        for (String frame : frames) {
            client.sendText(frame);
            if (client.poll(Duration.ofSeconds(120)) == null) {
                throw new IllegalStateException("The gateway did not answer " + frame);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (runtime != null) {
                runtime.close();
            }
            if (serverLog != null) {
                serverLog.uninstall();
            }
            RUN.report();
        }
    }

    // tag::target[]
    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "frames.dict")
    void overTheSocket(byte[] input) throws Exception {
        // the harness's own connections to the runtime on the loopback interface are no finding
        BugDetectors.allowNetworkConnections(LOOPBACK);
        RUN.input();
        for (Step step : FrameScript.of(input).steps()) {
            AssertionError finding = exchange(step);
            if (finding != null) {
                throw finding;
            }
        }
        if (RUN.inputs() % PROBE_EVERY == 0) {
            AssertionError finding = probe();
            if (finding != null) {
                throw RUN.finding(finding);
            }
        }
    }
    // end::target[]

    /** What happened to one frame. */
    static final class Exchange {

        final Step step;
        final String sent;
        final FrameModel model;
        final String injectedId;
        final List<Received> answers = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<LogRecord> logged = new ArrayList<>();
        long failedAt;
        Closed closed;
        Hang hang;
        boolean failed;
        boolean sentinel;

        Exchange(Step step, String sent, FrameModel model, String injectedId) {
            this.step = step;
            this.sent = sent;
            this.model = model;
            this.injectedId = injectedId;
        }

        void problem(String problem) {
            problems.add(problem);
        }
    }

    /** Sends one frame and the sentinel, and judges what came back; the finding, or null. */
    static AssertionError exchange(Step step) throws Exception {
        long n = ++frames;
        boolean binary = step.kind() == Kind.BINARY;
        FrameModel model = binary ? FrameModel.NOT_A_FRAME : FrameModel.read(step.text());
        String text = step.text();
        String injectedId = null;
        if (!binary && model.idInjectable()) {
            injectedId = "u" + n;
            text = FrameModel.withId(text, injectedId);
            model = model.withId(JSON.createValue(injectedId));
        }
        Exchange x = new Exchange(step, text, model, injectedId);
        serverLog.drain();

        // tag::sentinel[]
        String sentinelId = "sentinel-" + NONCE + "-" + n;
        boolean sent = switch (step.kind()) {
            case TEXT -> client.sendText(text);
            case FRAGMENTED -> client.sendFragments(new Step(Kind.FRAGMENTED, text).fragments());
            case BINARY -> client.sendBinary(step.bytes());
        };
        if (sent) {
            client.sendText("{\"event\":\"" + FuzzGateway.SENTINEL + "\",\"id\":\"" + sentinelId + "\"}");
        }
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (true) {
            Received r = client.poll(POLL);
            if (r == null) {
                x.logged.addAll(serverLog.drain());
                if (System.nanoTime() - deadline > 0 || failedAWhileAgo(x)) {
                    x.problem("neither the answer to the sentinel nor a close came within "
                            + Duration.ofNanos(System.nanoTime() - deadline + ANSWER.toNanos()).toMillis() + " ms");
                    x.hang = busyServerThread();
                    break;
                }
                continue;
            } else if (r instanceof Closed c) {
                x.closed = c;
                break;
            } else if (r instanceof Failed f) {
                x.failed = true;
                x.problem("the connection failed without a close frame: " + f.error());
                break;
            } else if (r instanceof Text t && isReply(t.text(), sentinelId)) {
                x.sentinel = true; // the gateway has handled the frame: its synchronous answer came before this
                break;
            }
            x.answers.add(r);
        }
        // end::sentinel[]
        if (x.sentinel) {
            awaitLater(x);
        }
        judge(x);
        if (!x.sentinel) {
            reconnect(x);
        }
        x.logged.addAll(serverLog.drain());
        return verdict(x, x.logged);
    }

    /**
     * Whether the server logged a failure (other than on purpose) at least {@link #GRACE} ago without answering
     * since: then the answer is not coming, and the harness need not wait for the whole {@link #ANSWER}.
     */
    private static boolean failedAWhileAgo(Exchange x) {
        if (x.failedAt == 0) {
            if (x.logged.stream().anyMatch(r -> r.getThrown() != null
                    && !causedBy(r.getThrown(), FuzzGateway.OnPurpose.class))) {
                x.failedAt = System.nanoTime();
            }
            return false;
        }
        return System.nanoTime() - x.failedAt > GRACE.toNanos();
    }

    /** For a handler that answers later: waits for its answer (a stream: for its end). */
    private static void awaitLater(Exchange x) throws InterruptedException {
        if (x.model.cancel() || !x.model.anyOf(FuzzGateway.LATER)) {
            return;
        }
        long deadline = System.nanoTime() + ANSWER.toNanos();
        while (!(x.model.events().contains("stream")
                ? x.answers.stream().anyMatch(GatewayFuzzTest::endsStream)
                : !x.answers.isEmpty())) {
            Received r = client.poll(Duration.ofNanos(deadline - System.nanoTime()));
            if (r == null) {
                x.problem("the handler that answers later did not answer within " + ANSWER.toSeconds() + " s");
                return;
            }
            if (r instanceof Closed c) {
                x.closed = c;
                x.sentinel = false;
                return;
            }
            if (r instanceof Failed f) {
                x.failed = true;
                x.sentinel = false;
                x.problem("the connection failed without a close frame: " + f.error());
                return;
            }
            x.answers.add(r);
        }
    }

    private static boolean endsStream(Received r) {
        JsonObject frame = r instanceof Text t ? object(t.text()) : null;
        return frame == null || frame.getBoolean("end", false) || !"stream".equals(frame.getString("event", null));
    }

    private static void judge(Exchange x) {
        for (Received r : x.answers) {
            if (r instanceof Text t) {
                checkAnswer(x, t.text());
            } else {
                RUN.outcome("binary reply");
            }
        }
        if (x.closed != null) {
            RUN.outcome("close " + x.closed.code());
            if (!DOCUMENTED_CLOSES.contains(x.closed.code())) {
                x.problem("closed with the undocumented code " + x.closed.code() + " (" + x.closed.reason() + ")");
            }
            return;
        }
        if (x.sentinel && x.answers.isEmpty()) {
            if (x.model.cancel()) {
                RUN.outcome("silent: cancel");
            } else if (x.model.anyOf(FuzzGateway.SILENT)) {
                RUN.outcome("silent: handler answers nothing");
            } else {
                x.problem("no answer: neither a reply, nor an error frame, nor a close before the answer to the"
                        + " next frame");
            }
        }
    }

    private static void checkAnswer(Exchange x, String text) {
        JsonObject frame = object(text);
        if (frame == null || !(frame.get("event") instanceof JsonString event)) {
            x.problem("an answer is not a JSON object with a string event: " + Inputs.show(text));
            return;
        }
        boolean badFrame = false;
        if ("exception".equals(event.getString()) && !x.model.events().contains("ws-error")
                && frame.get("data") instanceof JsonObject data && data.containsKey("code")) {
            String code = data.get("code") instanceof JsonString s ? s.getString() : String.valueOf(data.get("code"));
            RUN.outcome("error " + code);
            badFrame = code.equals("BAD_FRAME");
            if (!ERROR_CODES.contains(code)) {
                x.problem("an error frame has the undocumented code " + code + ": " + Inputs.show(text));
            } else if (code.equals("INTERNAL") && !x.model.anyOf(FuzzGateway.FAIL_ON_PURPOSE)) {
                x.problem("INTERNAL answered a frame whose handler does not fail on purpose: " + Inputs.show(text));
            }
        } else {
            RUN.outcome("exception".equals(event.getString()) ? "error payload" : "reply");
        }
        if (x.injectedId != null && !badFrame && !(frame.get("id") instanceof JsonString id
                && id.getString().equals(x.injectedId))) {
            x.problem("an answer does not echo the frame's id " + x.injectedId + ": " + Inputs.show(text));
        }
    }

    private static AssertionError verdict(Exchange x, List<LogRecord> logged) {
        Throwable cause = x.hang;
        for (LogRecord r : logged) {
            if (r.getThrown() != null && causedBy(r.getThrown(), FuzzGateway.OnPurpose.class)) {
                continue;
            }
            if (r.getThrown() == null && String.valueOf(r.getMessage()).endsWith(LogLimiter.LEFT_OUT)) {
                continue; // the count of on-purpose failures the log limiter left out, logged once a minute
            }
            x.problem("the server logged " + r.getLevel() + " [" + r.getLoggerName() + "] " + r.getMessage()
                    + (r.getThrown() == null ? "" : ": " + r.getThrown()));
            if (cause == null) {
                cause = r.getThrown();
            }
        }
        if (x.problems.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("The gateway mishandled a ").append(x.step.kind().name().toLowerCase())
                .append(" frame ").append(Inputs.show(x.sent));
        x.problems.forEach(p -> sb.append("\n  - ").append(p));
        x.answers.stream().limit(5).forEach(a -> sb.append("\n  received ").append(describe(a)));
        if (x.closed != null) {
            sb.append("\n  closed ").append(x.closed.code()).append(' ').append(x.closed.reason());
        }
        return RUN.finding(sb.toString(), cause);
    }

    /** The server thread that is still handling a frame of this gateway, with its stack; null if none is. */
    private static Hang busyServerThread() {
        for (var e : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : e.getValue()) {
                if (frame.getClassName().startsWith("org.cdigateway.internal.endpoint.")) {
                    return new Hang(e.getKey(), e.getValue());
                }
            }
        }
        return null;
    }

    private static String describe(Received r) {
        if (r instanceof Text t) {
            return Inputs.show(t.text());
        }
        if (r instanceof Binary b) {
            return "binary " + Inputs.show(new String(b.bytes(), StandardCharsets.UTF_8));
        }
        return r.toString();
    }

    private static void reconnect(Exchange x) throws InterruptedException {
        client.close();
        try {
            client = FuzzClient.connect(uri);
        } catch (Exception e) {
            x.problem("the server refused a new client: " + e);
        }
    }

    /** Whether a second client is served while the fuzzed one is connected. */
    static AssertionError probe() throws Exception {
        FuzzClient other;
        try {
            other = FuzzClient.connect(uri);
        } catch (Exception e) {
            return new AssertionError("The server refused a second client", e);
        }
        try {
            String id = "probe-" + NONCE;
            other.sendText("{\"event\":\"" + FuzzGateway.SENTINEL + "\",\"id\":\"" + id + "\"}");
            Received r = other.poll(ANSWER);
            if (!(r instanceof Text t && isReply(t.text(), id))) {
                return new AssertionError("A second client got " + r + " instead of the answer to its request");
            }
            return null;
        } finally {
            other.close();
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isReply(String text, String id) {
        if (!text.contains(id)) {
            return false;
        }
        JsonObject frame = object(text);
        return frame != null && frame.get("id") instanceof JsonString s && s.getString().equals(id)
                && FuzzGateway.SENTINEL.equals(frame.getString("event", null));
    }

    private static JsonObject object(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
