package org.cdigateway.tck.cdi;

import java.util.List;

import jakarta.inject.Inject;

import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** A gateway using CDI as any bean does: an interceptor, a request-scoped bean and an application service. */
@WebSocketGateway("/contexts")
public class ContextGateway implements OnGatewayConnection {

    @Inject
    PerRequest perRequest;

    @Inject
    Greeter greeter;

    @Inject
    Invocations invocations;

    @Inject
    RequestBeanCounts requestBeans;

    @Tagged
    @Override
    public void handleConnection(GatewayClient client) {
        client.emit("connected-in-request", perRequest.id());
    }

    @SubscribeMessage("request-ids")
    public List<String> requestIds() {
        return List.of(perRequest.id(), perRequest.id());
    }

    @SubscribeMessage("request-beans")
    public List<Integer> requestBeans() {
        return requestBeans.snapshot();
    }

    @Tagged
    @SubscribeMessage("intercepted")
    public String intercepted(String text) {
        return text;
    }

    @SubscribeMessage("plain")
    public String plain(String text) {
        return text;
    }

    @SubscribeMessage("invocations")
    public List<String> invocations() {
        return invocations.methods();
    }

    @SubscribeMessage("greet")
    public String greet(@MessageBody String name) {
        return greeter.greet(name);
    }

    @SubscribeMessage("greeter")
    public String greeter() {
        return greeter.instance();
    }
}
