package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * Handlers declared in a superclass are served; an override counts once, with its own annotations (method annotations
 * are not inherited); the bridge methods the compiler adds for generic handlers are not handlers of their own.
 */
@GatewayTest
class InheritedHandlersTest {

    public record Ping(String text) {}

    /** A reusable base: "hello" is served as is, "echo" is implemented per gateway. */
    public abstract static class BaseGateway<T> {

        @SubscribeMessage("hello")
        public String hello() {
            return "hello from base";
        }

        @SubscribeMessage("greet")
        public String greet() {
            return "greet from base";
        }

        @SubscribeMessage("echo")
        public abstract Object echo(T body);
    }

    @WebSocketGateway("/inherited")
    static class PingGateway extends BaseGateway<Ping> {

        /** Same event as the base: the override is the one handler, not a duplicate. */
        @Override
        @SubscribeMessage("greet")
        public String greet() {
            return "greet from subclass";
        }

        /** The compiler adds a bridge echo(Object) carrying the same annotation; it must not count twice. */
        @Override
        @SubscribeMessage("echo")
        public Ping echo(Ping body) {
            return new Ping(body.text() + "!");
        }
    }

    @Test
    void deploysWithoutDuplicateEvents(GatewayRuntime runtime) {
        assertThat(runtime.gatewayPaths()).containsExactly("/inherited");
    }

    @Test
    void servesInheritedOverriddenAndGenericHandlers(Clients clients) {
        GatewayTestClient client = clients.connect("/inherited");
        assertThat(client.request("hello", null).data(String.class)).isEqualTo("hello from base");
        assertThat(client.request("greet", null).data(String.class)).isEqualTo("greet from subclass");
        assertThat(client.request("echo", new Ping("hi")).data(Ping.class)).isEqualTo(new Ping("hi!"));
    }
}
