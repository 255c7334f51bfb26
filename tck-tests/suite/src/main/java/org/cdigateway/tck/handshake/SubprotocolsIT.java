package org.cdigateway.tck.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @WebSocketGateway(subprotocols)} on the server's WebSocket container: the first subprotocol the client offers
 * that the gateway speaks is agreed on, answered in the handshake and seen by the handler; none in common, none.
 */
@ExtendWith(ArquillianExtension.class)
class SubprotocolsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("subprotocols", VersionedGateway.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theFirstOfferedThatTheGatewaySpeaksIsAgreedOn() {
        try (GatewayTestClient c = WebSockets.connect(base, "versioned",
                ClientOptions.defaults().subprotocol("chat.v3").subprotocol("chat.v1").subprotocol("chat.v2"))) {
            assertThat(c.subprotocol()).isEqualTo("chat.v1");
            assertThat(c.request("version", null).data(String.class)).isEqualTo("chat.v1");
        }
    }

    @Test
    void noneInCommonIsAcceptedWithoutOne() {
        try (GatewayTestClient c = WebSockets.connect(base, "versioned",
                ClientOptions.defaults().subprotocol("mqtt"))) {
            assertThat(c.subprotocol()).isEmpty();
            assertThat(c.request("version", null).data(String.class)).isEmpty();
        }
    }
}
