package org.cdigateway.fuzz;

import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.protocol.NativeProtocol;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target 1, in-process: a text frame goes through {@link NativeProtocol#parse}, and its data through
 * {@link JsonCodec#decode} into every body type of {@link FuzzGateway}'s handlers; a decoded body is encoded again,
 * as a reply echoing it would be.
 * <p>
 * Property: parsing returns a frame or throws {@link BadFrameException} (answered with BAD_FRAME), and returns one
 * only for a valid JSON object, with its event, id and data; decoding returns
 * or throws one of the exceptions the dispatcher answers with VALIDATION_FAILED; encoding returns. Anything else (an
 * other exception, an {@link Error}, no result within {@link #HANG}) is a finding. The work runs on a thread with the
 * stack size of a container thread, as in the gateway.
 */
class FrameFuzzTest {

    static final JsonCodec JSON = JsonCodec.createDefault();
    static final NativeProtocol FRAMES = new NativeProtocol(JSON);
    static final JsonProvider STRICT = JsonProvider.provider();

    // tag::validation-failed[]
    /** What {@code ArgumentResolvers#decode} turns into an InvalidBodyException, answered with VALIDATION_FAILED. */
    static final List<Class<? extends Throwable>> VALIDATION_FAILED = List.of(JsonbException.class,
            ArithmeticException.class, ClassCastException.class, IllegalArgumentException.class);
    // end::validation-failed[]

    /** The parameter types the fuzz gateway binds message data to: whole bodies and properties. */
    static final List<Type> BODY_TYPES = bodyTypes(FuzzGateway.class);

    static final long HANG = TimeUnit.SECONDS.toMillis(10);

    static final FuzzRun RUN = new FuzzRun("FrameFuzzTest");

    private static volatile Thread workerThread;
    private static ExecutorService worker = newWorker();

    // tag::target[]
    @FuzzTest(maxDuration = "10s")
    @DictionaryFile(resourcePath = "frames.dict")
    void frameAndBody(byte[] input) throws InterruptedException {
        String text = new String(input, StandardCharsets.UTF_8);
        RUN.input();
        Future<AssertionError> result = worker.submit(() -> check(text));
        AssertionError finding;
        try {
            finding = result.get(HANG, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            RUN.outcome("no result in time");
            Hang hang = new Hang(workerThread, workerThread.getStackTrace());
            worker.shutdownNow();
            stop(workerThread);
            worker = newWorker();
            finding = RUN.finding("No result after " + HANG + " ms for " + Inputs.show(text), hang);
        } catch (ExecutionException e) {
            throw RUN.finding(new AssertionError("The harness failed for " + Inputs.show(text), e.getCause()));
        }
        if (finding != null) {
            throw finding;
        }
    }
    // end::target[]

    @AfterAll
    static void report() {
        worker.shutdownNow();
        RUN.report();
    }

    /** The property for one frame: the first finding, or null. */
    static AssertionError check(String text) {
        InboundFrame frame;
        try {
            frame = FRAMES.parse(text);
        } catch (BadFrameException e) {
            RUN.outcome("BAD_FRAME");
            return rejectedValidFrame(text, e);
        } catch (Throwable t) {
            RUN.outcome("parse threw " + t.getClass().getSimpleName());
            return RUN.finding("NativeProtocol#parse threw " + t + " instead of BadFrameException for "
                    + Inputs.show(text), t);
        }
        RUN.outcome("parsed");
        AssertionError mismatch = agreesWithStrictJson(text, frame);
        if (mismatch != null) {
            return mismatch;
        }
        for (Type type : BODY_TYPES) {
            AssertionError finding = decode(frame.data(), type, text);
            if (finding != null) {
                return finding;
            }
        }
        return null;
    }

    /**
     * A frame the codec accepts is one valid JSON object (as a strict JSON-P reader reads it), and, when no member
     * name repeats, has that object's event, id and data.
     */
    private static AssertionError agreesWithStrictJson(String text, InboundFrame frame) {
        JsonObject strict;
        try (JsonReader reader = STRICT.createReader(new StringReader(text))) {
            strict = reader.readObject();
        } catch (JsonParsingException e) {
            RUN.outcome("parsed but not valid JSON");
            return RUN.finding("NativeProtocol#parse accepted a frame that is not valid JSON (" + e.getMessage()
                    + "): " + Inputs.show(text) + " as " + frame, e);
        } catch (RuntimeException | StackOverflowError e) {
            return null; // beyond the reader's own limits: nothing to compare with
        }
        if (!FrameModel.read(text).uniqueKeys()) {
            return null;
        }
        JsonValue id = strict.getOrDefault("id", JsonValue.NULL);
        if (!(strict.get("event") instanceof JsonString event) || !event.getString().equals(frame.event())
                || !strict.getOrDefault("data", JsonValue.NULL).equals(frame.data())
                || !(frame.id().equals(id) || id == JsonValue.NULL)) {
            RUN.outcome("parsed differently");
            return RUN.finding("NativeProtocol#parse read " + Inputs.show(text) + " as " + frame + " but it is "
                    + strict, null);
        }
        return null;
    }

    /**
     * A frame the codec rejects is not a frame of the wire protocol: a JSON object whose member names do not repeat,
     * with a string event and an id that is absent, a string or a number, must be accepted.
     */
    private static AssertionError rejectedValidFrame(String text, BadFrameException rejection) {
        JsonObject strict;
        try (JsonReader reader = STRICT.createReader(new StringReader(text))) {
            strict = reader.readObject();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
        JsonValue id = strict.getOrDefault("id", JsonValue.NULL);
        if (strict.get("event") instanceof JsonString && (id == JsonValue.NULL || id instanceof JsonString
                || id instanceof JsonNumber) && FrameModel.read(text).uniqueKeys()) {
            RUN.outcome("valid frame rejected");
            return RUN.finding("NativeProtocol#parse rejected the valid frame " + Inputs.show(text) + ": "
                    + rejection.getMessage(), null);
        }
        return null;
    }

    private static AssertionError decode(JsonValue data, Type type, String text) {
        if (data == JsonValue.NULL && type instanceof Class<?> c && c.isPrimitive()) {
            return null; // "is required": the resolver answers VALIDATION_FAILED without decoding
        }
        Object value;
        try {
            value = JSON.decode(data, type);
        } catch (Throwable t) {
            if (VALIDATION_FAILED.stream().anyMatch(v -> v.isInstance(t))) {
                return null;
            }
            RUN.outcome("decode threw " + t.getClass().getSimpleName());
            return RUN.finding("JsonCodec#decode into " + type.getTypeName() + " threw " + t
                    + " instead of an exception answered with VALIDATION_FAILED, for " + Inputs.show(text), t);
        }
        try {
            JSON.encode(value);
        } catch (Throwable t) {
            RUN.outcome("encode threw " + t.getClass().getSimpleName());
            return RUN.finding("JsonCodec#encode of the " + type.getTypeName() + " decoded from "
                    + Inputs.show(text) + " threw " + t, t);
        }
        return null;
    }

    /** The generic types of the body parameters (whole data or one property) of the gateway's handlers. */
    static List<Type> bodyTypes(Class<?> gateway) {
        Set<Type> types = new LinkedHashSet<>();
        List<Method> methods = new ArrayList<>(List.of(gateway.getDeclaredMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (!m.isAnnotationPresent(SubscribeMessage.class)) {
                continue;
            }
            Parameter[] parameters = m.getParameters();
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].isAnnotationPresent(MessageBody.class)) {
                    types.add(m.getGenericParameterTypes()[i]);
                }
            }
        }
        return List.copyOf(types);
    }

    /**
     * Ends a worker stuck in a loop that never checks for interruption, so that it does not spin for the rest of the
     * run: the thread runs nothing but the property, and is replaced.
     */
    @SuppressWarnings("removal")
    private static void stop(Thread stuck) {
        stuck.stop();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "frame-fuzz-worker");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
    }
}
