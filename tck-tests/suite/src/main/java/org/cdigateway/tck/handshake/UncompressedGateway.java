package org.cdigateway.tck.handshake;

import org.cdigateway.Compression;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A gateway that never agrees on permessage-deflate. */
@WebSocketGateway(value = "/uncompressed", compression = Compression.OFF, maxMessageSize = 1 << 20)
public class UncompressedGateway {

    @SubscribeMessage("echo")
    public String echo(@MessageBody String text) {
        return text;
    }
}
