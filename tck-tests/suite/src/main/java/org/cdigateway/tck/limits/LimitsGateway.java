package org.cdigateway.tck.limits;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Default limits, except those the deployment's MicroProfile Config changes. */
@WebSocketGateway(value = "/limits", allowedOrigins = "https://partner.example", maxMessagesPerSecond = 20)
public class LimitsGateway {

    @SubscribeMessage("echo")
    public String echo(String text) {
        return text;
    }

    /**
     * The same rate, for the client that floods it: a client closed for its rate leaves its address an empty bucket
     * for a moment, which the other tests' clients from the same address must not inherit.
     */
    @WebSocketGateway(value = "/flood", maxMessagesPerSecond = 20)
    public static class FloodGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
    }

    /** Its max-message-size is lowered to 1024 in META-INF/microprofile-config.properties. */
    @WebSocketGateway("/configured")
    public static class ConfiguredGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
    }
}
