package org.cdigateway.tests.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/**
 * A gateway's application subprotocols: the first the client offers that the gateway speaks is agreed on and seen by
 * both sides; none offered or none in common, none agreed; a token passed as {@code bearer} wins.
 */
@GatewayTest
class SubprotocolsTest {

    // tag::subprotocols[]
    @WebSocketGateway(value = "/versioned", subprotocols = {"chat.v2", "chat.v1"})
    public static class VersionedGateway {

        @SubscribeMessage("version")
        public String version(@ConnectedSocket GatewayClient client) {
            return client.subprotocol(); // "chat.v1", "chat.v2", or "" when none was agreed on
        }
    }
    // end::subprotocols[]

    @WebSocketGateway("/plain-protocols")
    public static class PlainGateway {

        @SubscribeMessage("version")
        public String version(@ConnectedSocket GatewayClient client) {
            return client.subprotocol();
        }
    }

    @Test
    void theFirstOfferedThatTheGatewaySpeaksIsAgreedOn(Clients clients) {
        GatewayTestClient c = clients.connect("/versioned",
                ClientOptions.defaults().subprotocol("chat.v3").subprotocol("chat.v1").subprotocol("chat.v2"));
        assertThat(c.subprotocol()).isEqualTo("chat.v1");
        assertThat(c.request("version", null).data(String.class)).isEqualTo("chat.v1");
    }

    @Test
    void noneInCommonOrNoneOfferedIsAcceptedWithoutOne(Clients clients) {
        GatewayTestClient other = clients.connect("/versioned", ClientOptions.defaults().subprotocol("mqtt"));
        assertThat(other.subprotocol()).isEmpty();
        assertThat(other.request("version", null).data(String.class)).isEmpty();
        GatewayTestClient none = clients.connect("/versioned");
        assertThat(none.request("version", null).data(String.class)).isEmpty();
        GatewayTestClient plain = clients.connect("/plain-protocols", ClientOptions.defaults().subprotocol("chat.v1"));
        assertThat(plain.subprotocol()).isEmpty();
    }

    @Test
    void aBearerTokenWinsTheOneSubprotocolAHandshakeAgreesOn(Clients clients) {
        GatewayTestClient c = clients.connect("/versioned",
                ClientOptions.defaults().subprotocol("chat.v2").subprotocol("bearer").subprotocol("t0k3n"));
        assertThat(c.subprotocol()).isEqualTo("bearer");
        assertThat(c.request("version", null).data(String.class)).isEqualTo("bearer");
    }
}
