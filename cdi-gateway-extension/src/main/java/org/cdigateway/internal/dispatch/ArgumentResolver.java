package org.cdigateway.internal.dispatch;

import java.nio.ByteBuffer;

import org.cdigateway.internal.client.SessionClient;

/**
 * Produces one handler argument per frame. Built once per parameter at deployment, after the parameter was checked;
 * per frame it only copies or converts values.
 */
@FunctionalInterface
public interface ArgumentResolver {

    /**
     * @param frame  the text frame, or null for a binary frame
     * @param binary the binary payload, or null for a text frame
     * @param client the client the frame came from
     */
    Object resolve(InboundFrame frame, ByteBuffer binary, SessionClient client) throws InvalidBodyException;
}
