package org.cdigateway.socketio.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.json.JsonObject;

import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.socketio.client.NodeClient;
import org.junit.jupiter.api.Test;

/**
 * The chat gateway ported from NestJS serves the official socket.io-client as the NestJS one did, and where it differs
 * (a refused connection, an error with an acknowledgement asked), as the migration page says.
 */
@GatewayTest(classes = {ChatGateway.class, ChatTokenGuard.class, AdminGuard.class})
class NestJsMigrationTest {

    @Test
    void theOfficialClientChatsWithThePortedGateway(GatewayRuntime runtime) {
        JsonObject r = NodeClient.run("migratedChat", runtime.httpUri().toString().replaceAll("/$", ""), null,
                Duration.ofSeconds(30));
        assertThat(r.containsKey("crash")).as("the scenario ran through: %s", r).isFalse();
        assertThat(r.containsKey("timeout")).as("the scenario finished in time: %s", r).isFalse();

        // the guard refused the connection: connect_error with the refusal's message and data
        assertThat(r.getJsonObject("refused").getString("message")).isEqualTo("Invalid token");
        assertThat(r.getJsonObject("refused").get("data").toString()).isEqualTo("{\"retry\":false}");
        assertThat(r.containsKey("intruderWelcomed")).as("handleConnection ran for a refused client").isFalse();

        // handleConnection read the auth and greeted with the socket's id
        assertThat(r.getJsonObject("welcome").getString("user")).isEqualTo("ada");
        assertThat(r.getBoolean("welcomeIdIsSocketId")).isTrue();

        // return values are the acknowledgements; the room's other members hear of a join, the joiner does not
        assertThat(r.get("adaJoin").toString()).isEqualTo("{\"room\":\"lobby\"}");
        assertThat(r.get("bobJoin").toString()).isEqualTo("{\"room\":\"lobby\"}");
        assertThat(r.getJsonObject("joined").getString("room")).isEqualTo("lobby");
        assertThat(r.getJsonObject("joined").getString("user")).isEqualTo("bob");
        assertThat(r.getJsonArray("bobSawJoined")).isEmpty();

        // server.to(room).emit reaches every member, the sender included
        assertThat(r.get("say").toString()).isEqualTo("{\"delivered\":true}");
        for (String got : new String[]{"saidToAda", "saidToBob"}) {
            assertThat(r.getJsonObject(got).getString("user")).as(got).isEqualTo("bob");
            assertThat(r.getJsonObject(got).getString("text")).as(got).isEqualTo("hello");
        }

        // WsException: the acknowledgement carries the error when one was asked, else the event "exception"
        String error = "{\"status\":\"error\",\"message\":\"Join kitchen first\"}";
        assertThat(r.get("sayElsewhere").toString()).isEqualTo(error);
        assertThat(r.get("exception").toString()).isEqualTo(error);

        // the method's guard: bob is refused, ada announces to every client of the namespace
        assertThat(r.getJsonObject("announceByBob").getString("status")).isEqualTo("error");
        assertThat(r.getJsonObject("announceByBob").getString("code")).isEqualTo("FORBIDDEN");
        assertThat(r.getJsonObject("announceByBob").getString("message")).isEqualTo("Forbidden resource");
        assertThat(r.getBoolean("announceByAda")).isTrue();
        assertThat(r.getString("announcement")).isEqualTo("maintenance at noon");

        // an event nobody handles is answered, where NestJS ignored it
        assertThat(r.getJsonObject("unknown").getString("code")).isEqualTo("UNKNOWN_EVENT");
    }
}
