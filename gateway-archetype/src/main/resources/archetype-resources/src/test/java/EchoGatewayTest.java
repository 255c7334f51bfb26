package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;

import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/** The gateway on the embedded runtime, over a real socket: no server needed. */
@GatewayTest(classes = EchoGateway.class)
class EchoGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void welcomesANewClient(Clients clients) {
        GatewayTestClient client = clients.connect("/echo");
        assertFalse(client.awaitEvent("welcome", WAIT).data(String.class).isBlank());
    }

    @Test
    void echoesWhatItGets(Clients clients) {
        GatewayTestClient client = clients.connect("/echo");
        EchoMessage reply = client.request("echo", new EchoMessage("hello")).data(EchoMessage.class);
        assertEquals("hello", reply.text());
    }
}
