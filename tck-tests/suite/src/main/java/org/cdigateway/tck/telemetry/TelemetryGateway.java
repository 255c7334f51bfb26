package org.cdigateway.tck.telemetry;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A gateway whose traffic the server's MicroProfile Telemetry records. */
@WebSocketGateway("/telemetry")
public class TelemetryGateway {

    @SubscribeMessage("echo")
    public String echo(@MessageBody String text) {
        return text;
    }
}
