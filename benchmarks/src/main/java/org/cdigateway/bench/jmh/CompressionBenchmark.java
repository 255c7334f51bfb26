package org.cdigateway.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import jakarta.websocket.Extension;

import org.cdigateway.internal.client.EncodedText;
import org.cdigateway.se.internal.TyrusCompression;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code @WebSocketGateway(compression = ON)} costs per message on the embedded runtime: a typical JSON frame of
 * a chat (about 250 bytes, each message a little different) written as the gateway writes it uncompressed (its frame
 * encoded once, {@link EncodedText#encode}), and compressed by the runtime's {@code permessage-deflate} for one
 * connection, with the context kept between messages (the default) and without ({@code server_no_context_takeover});
 * and a compressed client message inflated. {@code -prof gc} gives the bytes allocated per message; the bytes on the
 * wire and the native memory per compressing connection are printed once per trial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CompressionBenchmark {

    static final int MESSAGES = 256;

    /** A minimal extension context: the per-connection map Tyrus gives an extension. */
    static final class Context implements ExtendedExtension.ExtensionContext {

        final Map<String, Object> properties = new HashMap<>();

        @Override
        public Map<String, Object> getProperties() {
            return properties;
        }
    }

    private final String[] texts = new String[MESSAGES];
    private final byte[][] utf8 = new byte[MESSAGES][];
    private final byte[][] fromClient = new byte[MESSAGES][];
    private ExtendedExtension deflate;
    private Context keeping;
    private Context resetting;
    private Context inbound;
    private int next;

    static String message(int i) {
        return "{\"event\":\"message\",\"data\":{\"id\":\"m-" + (100_000 + i * 7919) + "\",\"room\":\"lobby-" + (i % 8)
                + "\",\"from\":{\"id\":\"u-" + (i * 31 % 997) + "\",\"name\":\"user" + (i * 31 % 997)
                + "\"},\"text\":\"" + List.of("see you at the standup in five", "the build is green again",
                        "can someone review #" + (4000 + i), "lunch?", "deploying to staging now").get(i % 5)
                + "\",\"sentAt\":\"2026-12-07T09:" + (10 + i % 50) + ":" + (10 + i * 7 % 50) + ".123Z\","
                + "\"reactions\":[],\"edited\":false}}";
    }

    @Setup
    public void setUp() {
        Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        for (int i = 0; i < MESSAGES; i++) {
            texts[i] = message(i);
            utf8[i] = texts[i].getBytes(StandardCharsets.UTF_8);
            client.reset(); // each message on its own, so that they can be inflated in any order
            fromClient[i] = deflate(client, utf8[i]);
        }
        client.end();
        deflate = (ExtendedExtension) new TyrusCompression().perMessageDeflate(64 * 1024);
        keeping = new Context();
        deflate.onExtensionNegotiation(keeping, List.of());
        resetting = new Context();
        deflate.onExtensionNegotiation(resetting, List.of(new Flag("server_no_context_takeover")));
        inbound = new Context();
        deflate.onExtensionNegotiation(inbound, List.of());
    }

    @TearDown(Level.Trial)
    public void report() throws Exception {
        long payload = 0, plain = 0, kept = 0, reset = 0;
        Context k = new Context();
        deflate.onExtensionNegotiation(k, List.of());
        Context r = new Context();
        deflate.onExtensionNegotiation(r, List.of(new Flag("server_no_context_takeover")));
        for (int i = 0; i < MESSAGES; i++) {
            payload += utf8[i].length;
            plain += EncodedText.encode(texts[i]).length;
            kept += wire(deflate.processOutgoing(k, text(utf8[i])).getPayloadLength());
            reset += wire(deflate.processOutgoing(r, text(utf8[i])).getPayloadLength());
        }
        System.out.printf("%nwire bytes per message: plain %.1f, deflate %.1f, deflate without context takeover %.1f"
                + " (payload %.1f)%n", plain / (double) MESSAGES, kept / (double) MESSAGES, reset / (double) MESSAGES,
                payload / (double) MESSAGES);
        System.out.printf("native memory per compressing connection: %.0f KiB%n", nativeKiBPerConnection());
        deflate.destroy(k);
        deflate.destroy(r);
        deflate.destroy(keeping);
        deflate.destroy(resetting);
        deflate.destroy(inbound);
    }

    static long wire(long payload) {
        return payload + (payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10);
    }

    /** The resident memory 2,000 connections that each compressed and inflated one message add, per connection. */
    double nativeKiBPerConnection() throws Exception {
        int n = 2_000;
        List<Context> contexts = new ArrayList<>(n);
        System.gc();
        long before = rssKiB();
        for (int i = 0; i < n; i++) {
            Context c = new Context();
            deflate.onExtensionNegotiation(c, List.of());
            deflate.processOutgoing(c, text(utf8[i % MESSAGES]));
            deflate.processIncoming(c, compressed(fromClient[i % MESSAGES]));
            contexts.add(c);
        }
        long after = rssKiB();
        contexts.forEach(deflate::destroy);
        return (after - before) / (double) n;
    }

    static long rssKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    static Frame text(byte[] payload) {
        return Frame.builder().opcode((byte) 1).fin(true).payloadData(payload).build();
    }

    static Frame compressed(byte[] payload) {
        return Frame.builder().opcode((byte) 1).fin(true).rsv1(true).payloadData(payload).build();
    }

    static byte[] deflate(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return java.util.Arrays.copyOf(out, n - 4);
    }

    /** The frame the gateway writes uncompressed: encoded once, shared by every member of a broadcast. */
    @Benchmark
    public ByteBuffer plain() {
        return ByteBuffer.wrap(EncodedText.encode(texts[next++ & (MESSAGES - 1)]));
    }

    /** The same message compressed for one connection, its context kept between messages (the default). */
    @Benchmark
    public Frame deflate() {
        int i = next++ & (MESSAGES - 1);
        return deflate.processOutgoing(keeping, text(texts[i].getBytes(StandardCharsets.UTF_8)));
    }

    /** The same, for a client that asked for server_no_context_takeover. */
    @Benchmark
    public Frame deflateWithoutContextTakeover() {
        int i = next++ & (MESSAGES - 1);
        return deflate.processOutgoing(resetting, text(texts[i].getBytes(StandardCharsets.UTF_8)));
    }

    /** A client's compressed message inflated. */
    @Benchmark
    public Frame inflate() {
        return deflate.processIncoming(inbound, compressed(fromClient[next++ & (MESSAGES - 1)]));
    }

    private record Flag(String getName) implements Extension.Parameter {

        @Override
        public String getValue() {
            return null;
        }
    }
}
