package org.cdigateway.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import org.cdigateway.SlowConsumer;
import org.junit.jupiter.api.Test;

/** The queue writes one frame at a time, in order, bounded, with synchronous or deferred completions. */
class OutboundQueueTest {

    /** A remote that records frames and completes sends at once or when told to. */
    static final class Remote implements RemoteEndpoint.Async {

        final List<Object> written = new ArrayList<>();
        final List<SendHandler> pending = new ArrayList<>();
        boolean completeInline;
        int inFlight;
        int maxInFlight;

        private void write(Object frame, SendHandler handler) {
            written.add(frame);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            if (completeInline) {
                inFlight--;
                handler.onResult(new SendResult());
            } else {
                pending.add(handler);
            }
        }

        void completeNext() {
            SendHandler h = pending.remove(0);
            inFlight--;
            h.onResult(new SendResult());
        }

        void failNext() {
            SendHandler h = pending.remove(0);
            inFlight--;
            h.onResult(new SendResult(new IOException("broken pipe")));
        }

        @Override
        public void sendText(String text, SendHandler handler) {
            write(text, handler);
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            write(data, handler);
        }

        @Override
        public long getSendTimeout() {
            return 0;
        }

        @Override
        public void setSendTimeout(long timeoutmillis) {}

        @Override
        public Future<Void> sendText(String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Future<Void> sendObject(Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBatchingAllowed(boolean allowed) {}

        @Override
        public boolean getBatchingAllowed() {
            return false;
        }

        @Override
        public void flushBatch() {}

        @Override
        public void sendPing(ByteBuffer applicationData) {}

        @Override
        public void sendPong(ByteBuffer applicationData) {}
    }

    static final class Events implements OutboundQueue.Listener {

        final List<String> seen = new ArrayList<>();

        @Override
        public void overflow(int queuedFrames, long queuedBytes) {
            seen.add("overflow:" + queuedFrames + ":" + queuedBytes);
        }

        @Override
        public void failed(Throwable error) {
            seen.add("failed:" + error.getMessage());
        }
    }

    @Test
    void writesOneFrameAtATimeInOrder() {
        Remote remote = new Remote();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), new Events(), 100, 1_000_000);
        for (int i = 0; i < 5; i++) {
            assertThat(q.send("f" + i)).isTrue();
        }
        assertThat(remote.written).containsExactly("f0");
        assertThat(q.queuedFrames()).isEqualTo(4);
        while (!remote.pending.isEmpty()) {
            remote.completeNext();
        }
        assertThat(remote.written).containsExactly("f0", "f1", "f2", "f3", "f4");
        assertThat(remote.maxInFlight).isEqualTo(1);
        assertThat(q.queuedFrames()).isZero();
        assertThat(q.queuedBytes()).isZero();
    }

    @Test
    void synchronousCompletionsDrainWithoutRecursion() {
        Remote remote = new Remote();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), new Events(), 200_000, Long.MAX_VALUE);
        q.send("first"); // stays in flight: the rest queue behind it
        for (int i = 0; i < 100_000; i++) {
            q.send("x" + i);
        }
        remote.completeInline = true;
        remote.completeNext(); // every queued frame now completes inside its own send call
        assertThat(remote.written).hasSize(100_001);
        assertThat(remote.written.get(100_000)).isEqualTo("x99999");
        assertThat(q.queuedFrames()).isZero();
    }

    @Test
    void aFullQueueReportsOverflowAndRefusesMore() {
        Remote remote = new Remote();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), events, 2, 1_000);
        assertThat(q.send("a")).isTrue(); // in flight
        assertThat(q.send("bb")).isTrue();
        assertThat(q.send("cc")).isTrue();
        assertThat(q.send("dd")).isFalse();
        assertThat(events.seen).containsExactly("overflow:2:4");
        assertThat(q.queuedFrames()).isZero();
        assertThat(q.send("later")).isFalse();
        assertThat(events.seen).hasSize(1);
    }

    @Test
    void theByteBoundCountsToo() {
        Remote remote = new Remote();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), events, 1_000, 10);
        q.send("in flight");
        assertThat(q.send(ByteBuffer.allocate(8))).isTrue();
        assertThat(q.send("abc")).isFalse();
        assertThat(events.seen).containsExactly("overflow:1:8");
    }

    @Test
    void aFailedWriteDropsTheQueueAndReportsOnce() {
        Remote remote = new Remote();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), events, 100, 1_000);
        q.send("a");
        q.send("b");
        remote.failNext();
        assertThat(events.seen).containsExactly("failed:broken pipe");
        assertThat(q.queuedFrames()).isZero();
        assertThat(q.send("c")).isFalse();
        assertThat(remote.written).containsExactly("a");
    }

    @Test
    void dropNewestKeepsTheQueueCountsAndStaysOpen() {
        Remote remote = new Remote();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), events, 2, 1_000,
                SlowConsumer.DROP_NEWEST);
        q.send("a"); // in flight
        q.send("b");
        q.send("c");
        assertThat(q.send("d")).isFalse();
        assertThat(q.send("e")).isFalse();
        assertThat(q.droppedFrames()).isEqualTo(2);
        assertThat(events.seen).isEmpty();
        remote.completeNext();
        remote.completeNext();
        remote.completeNext();
        assertThat(remote.written).containsExactly("a", "b", "c");
        assertThat(q.send("f")).isTrue();
        assertThat(remote.written).containsExactly("a", "b", "c", "f");
    }

    @Test
    void dropOldestMakesRoomForTheNewestAndCounts() {
        Remote remote = new Remote();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), events, 2, 1_000,
                SlowConsumer.DROP_OLDEST);
        q.send("1"); // in flight
        q.send("2");
        q.send("3");
        assertThat(q.send("4")).isTrue();
        assertThat(q.send("5")).isTrue();
        assertThat(q.droppedFrames()).isEqualTo(2);
        assertThat(q.queuedFrames()).isEqualTo(2);
        remote.completeNext();
        remote.completeNext();
        remote.completeNext();
        assertThat(remote.written).containsExactly("1", "4", "5");
        assertThat(events.seen).isEmpty();
    }

    @Test
    void completionCallbacksRunOnceWhetherWrittenDroppedOrDiscarded() {
        Remote remote = new Remote();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), new Events(), 2, 1_000,
                SlowConsumer.DROP_NEWEST);
        List<String> done = new ArrayList<>();
        q.send("a", w -> done.add("a" + w));
        q.send("b", w -> done.add("b" + w));
        q.send("c", w -> done.add("c" + w));
        q.send("d", w -> done.add("d" + w)); // dropped at once
        assertThat(done).containsExactly("dfalse");
        remote.completeNext();
        assertThat(done).containsExactly("dfalse", "atrue");
        q.close(); // b is in flight, c queued: both discarded
        assertThat(done).containsExactlyInAnyOrder("dfalse", "atrue", "bfalse", "cfalse");
        remote.completeNext(); // the write of b completes after the close: no second run
        assertThat(done).hasSize(4);
        q.send("e", w -> done.add("e" + w));
        assertThat(done).hasSize(5).contains("efalse");
    }

    @Test
    void callbacksRunWhenWritesCompleteInline() {
        Remote remote = new Remote();
        remote.completeInline = true;
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), new Events(), 10, 1_000);
        List<String> done = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String frame = "f" + i;
            q.send(frame, w -> done.add(w ? frame : "dropped " + frame));
        }
        assertThat(done).containsExactly("f0", "f1", "f2", "f3", "f4");
    }

    @Test
    void aFullQueueUnderCloseRunsTheCallbacksOfWhatItDiscards() {
        Remote remote = new Remote();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), events, 1, 1_000);
        List<String> done = new ArrayList<>();
        q.send("a", w -> done.add("a" + w));
        q.send("b", w -> done.add("b" + w));
        q.send("c", w -> done.add("c" + w)); // overflow: closes
        assertThat(events.seen).containsExactly("overflow:1:1");
        assertThat(done).containsExactlyInAnyOrder("afalse", "bfalse", "cfalse");
    }

    /**
     * The queue closes (the connection ended) just as the next frame was taken for writing, and that write fails: the
     * callback of that frame still runs, once. A callback that closes the queue reaches exactly that moment.
     */
    @Test
    void aFrameTakenForWritingJustAsTheQueueClosesStillRunsItsCallbackWhenItsWriteFails() {
        Remote remote = new Remote();
        List<String> ran = new ArrayList<>();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), new Events(), 10, 1_000);
        q.send("a", w -> {
            ran.add("a" + w);
            q.close();
        });
        q.send("b", w -> ran.add("b" + w));
        remote.completeNext();
        assertThat(remote.written).containsExactly("a", "b");
        remote.failNext();
        assertThat(ran).containsExactly("atrue", "bfalse");
    }

    /** A writer that takes encoded frames: records which way each frame went. */
    static final class EncodingWriter implements OutboundQueue.Writer {

        final Remote remote = new Remote();
        final List<String> ways = new ArrayList<>();

        @Override
        public void sendText(String text, SendHandler done) {
            ways.add("text:" + text);
            remote.sendText(text, done);
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler done) {
            ways.add("binary:" + data.remaining());
            remote.sendBinary(data, done);
        }

        @Override
        public boolean writesEncoded() {
            return true;
        }

        @Override
        public void sendEncoded(EncodedText frame, SendHandler done) {
            ByteBuffer bytes = frame.frame();
            ways.add("encoded:" + frame.text() + ":" + bytes.remaining());
            remote.sendBinary(bytes, done);
        }
    }

    @Test
    void sharedFramesTakeTheirPlaceInOrderAmongTheOthersAndGoToTheWriterEncoded() {
        EncodingWriter writer = new EncodingWriter();
        OutboundQueue q = new OutboundQueue(writer, new Events(), 100, 1_000_000);
        EncodedText broadcast = new EncodedText("{\"event\":\"b\"}");
        q.send("reply-1");
        q.send(broadcast);
        q.send(ByteBuffer.allocate(3));
        q.send(broadcast);
        q.send("reply-2", w -> writer.ways.add("done reply-2 " + w));
        assertThat(q.queuedFrames()).isEqualTo(4);
        assertThat(q.queuedBytes()).isEqualTo(2L * broadcast.text().length() + 3 + "reply-2".length());
        while (!writer.remote.pending.isEmpty()) {
            writer.remote.completeNext();
        }
        assertThat(writer.ways).containsExactly("text:reply-1", "encoded:{\"event\":\"b\"}:15", "binary:3",
                "encoded:{\"event\":\"b\"}:15", "text:reply-2", "done reply-2 true");
        assertThat(writer.remote.maxInFlight).isEqualTo(1);
    }

    @Test
    void sharedFramesCountByTheirTextAgainstTheBoundsAndTheSlowConsumerPolicy() {
        EncodingWriter writer = new EncodingWriter();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(writer, events, 1_000, 10, SlowConsumer.DROP_OLDEST);
        q.send("in flight");
        assertThat(q.send(new EncodedText("123456"))).isTrue();
        assertThat(q.send(new EncodedText("abcdef"))).as("drops the oldest to fit").isTrue();
        assertThat(q.droppedFrames()).isEqualTo(1);
        assertThat(q.queuedBytes()).isEqualTo(6);
        assertThat(q.send(new EncodedText("x".repeat(11)))).as("larger than the bound").isFalse();
        writer.remote.completeNext();
        writer.remote.completeNext();
        assertThat(writer.ways).containsExactly("text:in flight", "encoded:abcdef:8");
        assertThat(events.seen).isEmpty();
    }

    @Test
    void aWriterWithoutEncodedFramesSendsTheirText() {
        Remote remote = new Remote();
        OutboundQueue q = new OutboundQueue(OutboundQueue.Writer.of(remote), new Events(), 10, 1_000);
        q.send(new EncodedText("shared"));
        q.send("own");
        remote.completeNext();
        assertThat(remote.written).containsExactly("shared", "own");
    }

    /** A writer that writes some frames at once (returning true, never calling back) and leaves the others pending. */
    static final class AtOnceWriter implements OutboundQueue.Writer {

        final Remote remote = new Remote();
        final List<Object> atOnce = new ArrayList<>();
        int callbacks;
        boolean now = true;

        @Override
        public void sendText(String text, SendHandler done) {
            throw new AssertionError("the queue writes through write(Object, SendHandler)");
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler done) {
            throw new AssertionError("the queue writes through write(Object, SendHandler)");
        }

        @Override
        public boolean write(Object frame, SendHandler done) {
            if (now) {
                atOnce.add(frame instanceof EncodedText e ? e.text() : frame);
                return true;
            }
            remote.sendText(frame instanceof EncodedText e ? e.text() : (String) frame, result -> {
                callbacks++;
                done.onResult(result);
            });
            return false;
        }
    }

    @Test
    void framesWrittenBeforeTheWriterReturnedAreDoneAndTheNextOnesFollowInOrder() {
        AtOnceWriter writer = new AtOnceWriter();
        OutboundQueue q = new OutboundQueue(writer, new Events(), 10, 1_000);
        List<String> ran = new ArrayList<>();
        assertThat(q.send("a", w -> ran.add("a" + w))).isTrue();
        assertThat(q.send(new EncodedText("b"))).isTrue();
        assertThat(writer.atOnce).containsExactly("a", "b");
        assertThat(ran).containsExactly("atrue");
        assertThat(q.queuedFrames()).isZero();

        writer.now = false; // the next write completes later: frames queue behind it
        q.send("c", w -> ran.add("c" + w));
        q.send("d", w -> ran.add("d" + w));
        q.send(new EncodedText("e"));
        assertThat(writer.remote.written).containsExactly("c");
        assertThat(q.queuedFrames()).isEqualTo(2);

        writer.now = true; // completing c writes d and e at once, in order, on this thread
        writer.remote.completeNext();
        assertThat(writer.atOnce).containsExactly("a", "b", "d", "e");
        assertThat(ran).containsExactly("atrue", "ctrue", "dtrue");
        assertThat(writer.callbacks).isEqualTo(1);
        assertThat(q.queuedFrames()).isZero();
        assertThat(q.send("f")).isTrue(); // not stuck: still writing when idle
        assertThat(writer.atOnce).endsWith("f");
    }

    /** The test remote as a writer that may have {@code n} frames in flight. */
    static OutboundQueue.Writer inFlight(Remote remote, int n) {
        return inFlight(remote, n, Long.MAX_VALUE);
    }

    /** The test remote as a writer that may have {@code n} frames in flight, of {@code size} together. */
    static OutboundQueue.Writer inFlight(Remote remote, int n, long size) {
        OutboundQueue.Writer standard = OutboundQueue.Writer.of(remote);
        return new OutboundQueue.Writer() {

            @Override
            public void sendText(String text, SendHandler done) {
                standard.sendText(text, done);
            }

            @Override
            public void sendBinary(ByteBuffer data, SendHandler done) {
                standard.sendBinary(data, done);
            }

            @Override
            public int maxInFlight() {
                return n;
            }

            @Override
            public long maxInFlightSize() {
                return size;
            }
        };
    }

    @Test
    void framesInFlightAreBoundedByTheirSizeTooAndOneGoesHoweverLarge() {
        Remote remote = new Remote();
        OutboundQueue q = new OutboundQueue(inFlight(remote, 1024, 100), new Events(), 100, 1_000_000);
        for (int i = 0; i < 5; i++) {
            q.send(i + "x".repeat(29)); // 30 characters each
        }
        assertThat(remote.written).hasSize(3); // 90 of 100 in flight: a fourth would make 120
        assertThat(q.queuedFrames()).isEqualTo(2);
        remote.completeNext();
        assertThat(remote.written).hasSize(4);
        assertThat(remote.inFlight).isEqualTo(3);

        q.send("y".repeat(500)); // larger than the bound: waits until nothing else is in flight, then goes alone
        q.send("z");
        while (remote.written.size() < 6) {
            remote.completeNext();
        }
        assertThat(remote.written.get(5)).isEqualTo("y".repeat(500));
        assertThat(remote.inFlight).isEqualTo(1);
        remote.completeNext();
        assertThat(remote.written).hasSize(7).endsWith("z");
        remote.completeNext();
        assertThat(remote.pending).isEmpty();
        assertThat(q.queuedFrames()).isZero();
    }

    @Test
    void aThousandFramesInFlightCompleteInOrderAcrossTheRingsGrowthAndWrap() {
        Remote remote = new Remote();
        OutboundQueue q = new OutboundQueue(inFlight(remote, 1024, 1_000_000), new Events(), 10_000, 1_000_000);
        List<Integer> ran = new ArrayList<>();
        int sent = 0;
        for (; sent < 1000; sent++) {
            int n = sent;
            q.send("f" + n, w -> ran.add(w ? n : -n - 1));
        }
        assertThat(remote.written).hasSize(1000);
        for (int i = 0; i < 600; i++) {
            remote.completeNext();
        }
        for (; sent < 1700; sent++) { // 400 in flight, 700 more: 1,024 in flight, the rest waits
            int n = sent;
            q.send("f" + n, w -> ran.add(w ? n : -n - 1));
        }
        assertThat(remote.inFlight).isEqualTo(1024);
        assertThat(q.queuedFrames()).isEqualTo(76);
        while (!remote.pending.isEmpty()) {
            remote.completeNext();
        }
        assertThat(remote.written).hasSize(1700);
        for (int i = 0; i < 1700; i++) {
            assertThat(remote.written.get(i)).isEqualTo("f" + i);
            assertThat(ran.get(i)).isEqualTo(i);
        }

        for (int i = 0; i < 10; i++) { // still in order after the ring was let go
            int n = sent++;
            q.send("f" + n, w -> ran.add(w ? n : -n - 1));
        }
        remote.failNext();
        assertThat(remote.written).hasSize(1710);
        assertThat(ran.subList(1700, ran.size())).containsExactly(-1701, -1702, -1703, -1704, -1705, -1706, -1707,
                -1708, -1709, -1710); // a failed write discards all in flight, in order
    }

    @Test
    void aWriterThatQueuesOverlappingSendsGetsSeveralFramesInOrderAndTheirCompletionsInOrder() {
        Remote remote = new Remote();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(inFlight(remote, 3), events, 2, 1_000);
        List<String> ran = new ArrayList<>();
        for (String f : List.of("a", "b", "c", "d", "e")) {
            assertThat(q.send(f, w -> ran.add(f + w))).isTrue();
        }
        assertThat(remote.written).containsExactly("a", "b", "c"); // three in flight, two waiting
        assertThat(q.queuedFrames()).isEqualTo(2);
        assertThat(q.send("f")).isFalse(); // the bound counts the waiting ones: full
        assertThat(events.seen).containsExactly("overflow:2:2");
        assertThat(ran).containsExactly("afalse", "bfalse", "cfalse", "dfalse", "efalse");
    }

    @Test
    void framesInFlightCompleteInOrderAndLetTheWaitingOnesGo() {
        Remote remote = new Remote();
        OutboundQueue q = new OutboundQueue(inFlight(remote, 2), new Events(), 10, 1_000);
        List<String> ran = new ArrayList<>();
        for (String f : List.of("a", "b", "c", "d")) {
            q.send(f, w -> ran.add(f + w));
        }
        q.send("e");
        assertThat(remote.written).containsExactly("a", "b");
        assertThat(remote.maxInFlight).isEqualTo(2);
        remote.completeNext();
        assertThat(ran).containsExactly("atrue");
        assertThat(remote.written).containsExactly("a", "b", "c");
        remote.completeNext();
        remote.completeNext();
        assertThat(remote.written).containsExactly("a", "b", "c", "d", "e");
        assertThat(ran).containsExactly("atrue", "btrue", "ctrue");
        remote.completeNext();
        remote.completeNext();
        assertThat(ran).containsExactly("atrue", "btrue", "ctrue", "dtrue");
        assertThat(remote.pending).isEmpty();
        assertThat(remote.maxInFlight).isEqualTo(2);
        assertThat(q.queuedFrames()).isZero();

        remote.completeInline = true; // completed inside the sends: the queue goes on without recursing
        for (int i = 0; i < 10_000; i++) {
            q.send("x" + i);
        }
        assertThat(remote.written).hasSize(5 + 10_000).endsWith("x9999");
        assertThat(q.queuedFrames()).isZero();
    }

    @Test
    void aFailedWriteDiscardsEveryFrameInFlightAndWaiting() {
        Remote remote = new Remote();
        Events events = new Events();
        OutboundQueue q = new OutboundQueue(inFlight(remote, 3), events, 10, 1_000);
        List<String> ran = new ArrayList<>();
        for (String f : List.of("a", "b", "c", "d")) {
            q.send(f, w -> ran.add(f + w));
        }
        remote.failNext();
        assertThat(ran).containsExactly("afalse", "bfalse", "cfalse", "dfalse");
        assertThat(events.seen).containsExactly("failed:broken pipe");
        assertThat(q.send("e")).isFalse();
        remote.completeNext(); // b and c complete after all: nothing more happens
        remote.completeNext();
        assertThat(ran).hasSize(4);
        assertThat(remote.written).containsExactly("a", "b", "c");
    }
}
