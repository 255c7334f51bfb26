package org.cdigateway.internal.client;

import java.nio.ByteBuffer;

import jakarta.websocket.SendHandler;

/**
 * The writer of one connection that takes whole frames the gateway encoded, where the runtime has one: the embedded
 * runtime's, behind Tyrus's protocol handler. {@link TyrusFrames} writes to it directly, under Tyrus's lock of the
 * connection, instead of through Tyrus's raw send (which makes a future, a wrapper of the completion and a description
 * of the write per frame, for the same bytes written to the same writer).
 */
public interface FrameSink {

    /**
     * Writes a whole frame after the frames written before it. Returns true when it counts as written now (then
     * {@code done} is not called); else {@code done} is told once it was written or failed.
     */
    boolean writeFrame(ByteBuffer frame, SendHandler done);
}
