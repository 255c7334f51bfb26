package org.cdigateway.internal.servlet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Set;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0501: a WAR whose servlet container offers no WebSocket container fails its deployment with the fix. */
@GatewayTest
class NoServerContainerTest {

    @WebSocketGateway("/nowhere")
    static class NowhereGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @Test
    void aServletContextWithoutAServerContainerFailsWithGw0501() {
        ServletContext withoutWebSocket = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ServletContext.class}, (p, m, a) -> null);
        GatewayRegistrationListener listener = new GatewayRegistrationListener(Set.of(NowhereGateway.class), Set.of());

        assertThatThrownBy(() -> listener.contextInitialized(new ServletContextEvent(withoutWebSocket)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("GW-0501")
                .hasMessageContaining("Enable WebSocket support in the server");
    }
}
