package org.cdigateway.tck.errors;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;

/** Handlers that succeed, refuse with a {@link WsException}, or fail; no catch-all, no binary handler. */
@WebSocketGateway("/errors")
public class ErrorGateway {

    /** A detail of a failure that must never reach a client. */
    public static final String SECRET = "database password is hunter2";

    @SubscribeMessage("echo")
    public String echo(String text) {
        return text;
    }

    @SubscribeMessage("order")
    public String order(@MessageBody Order order) {
        return order.item() + " x" + order.quantity();
    }

    @SubscribeMessage("count")
    public int count(@MessageBody("n") int n) {
        return n;
    }

    @SubscribeMessage("refuse")
    public String refuse(String why) {
        throw new WsException("Refused: " + why);
    }

    @SubscribeMessage("refuse-object")
    public String refuseObject() {
        throw new WsException(new Problem("busy", 30));
    }

    @SubscribeMessage("crash")
    public String crash() {
        throw new IllegalStateException(SECRET);
    }
}
