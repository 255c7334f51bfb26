package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.cdigateway.internal.asyncapi.AsyncApiGenerator;
import org.junit.jupiter.api.Test;

import com.example.assistant.AssistantGateway;
import com.example.chat.ChatGateway;
import com.example.dashboard.DashboardGateway;
import com.example.jobs.JobsGateway;
import com.example.login.LoginGateway;
import com.example.socketio.SocketIoChatGateway;

/** The AsyncAPI document of the sample's gateways, as the docs show it. */
class AsyncApiDocumentTest {

    static JsonObject document() {
        // tag::generate[]
        JsonObject document = new AsyncApiGenerator("CDI Gateway sample", "1.0.0")
                .description("The sample application's gateways")
                .generate(List.of(ChatGateway.class, JobsGateway.class, AssistantGateway.class,
                        LoginGateway.class, DashboardGateway.class, SocketIoChatGateway.class));
        String json = AsyncApiGenerator.write(document); // indented, members sorted: diffable
        // end::generate[]
        assertThat(json).startsWith("{");
        return document;
    }

    static final JsonObject DOC = document();

    static JsonValue at(String pointer) {
        return Json.createPointer(pointer).getValue(DOC);
    }

    @Test
    void oneChannelPerNativeGateway() throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "asyncapi.json"), AsyncApiGenerator.write(DOC));
        assertThat(DOC.getJsonObject("channels").keySet()).containsExactly("AssistantGateway", "ChatGateway",
                "DashboardGateway", "JobsGateway", "LoginGateway"); // the Socket.IO gateway is not described
        assertThat(at("/channels/ChatGateway/address")).isEqualTo(Json.createValue("/chat/{room}"));
        assertThat(at("/channels/ChatGateway/parameters").asJsonObject().keySet()).containsExactly("room");
    }

    @Test
    void chatMessagesRepliesAndEmits() {
        assertThat(at("/channels/ChatGateway/messages").asJsonObject().keySet()).containsExactlyInAnyOrder(
                "send_message", "send_message.reply", "typing", "exception", "welcome.emit", "joined.emit",
                "left.emit", "message.emit", "typing.emit");
        assertThat(at("/channels/ChatGateway/messages/send_message/payload/properties/data").toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/SendMessage\"}");
        assertThat(at("/channels/ChatGateway/messages/typing/payload/properties/data").toString())
                .isEqualTo("{\"type\":\"boolean\"}");
        assertThat(at("/operations/ChatGateway.send_message/reply/messages").toString()).isEqualTo(
                "[{\"$ref\":\"#/channels/ChatGateway/messages/send_message.reply\"},"
                        + "{\"$ref\":\"#/channels/ChatGateway/messages/exception\"}]");
        assertThat(at("/components/schemas/MessageAck/properties").asJsonObject().keySet())
                .containsExactly("id", "status");
        assertThat(at("/components/schemas/ChatMessage/properties/at/format")).isEqualTo(Json.createValue("date-time"));
        assertThat(at("/operations/ChatGateway.emit.message/action")).isEqualTo(Json.createValue("send"));
        assertThat(at("/channels/ChatGateway/messages/welcome.emit/payload/properties/data").toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/Welcome\"}");
    }

    @Test
    void theTokenGuardsSchemesProtectTheChat() {
        assertThat(at("/components/securitySchemes").asJsonObject().keySet()).containsExactly("TokenGuard.bearer",
                "TokenGuard.cookie", "TokenGuard.header", "TokenGuard.query");
        assertThat(at("/components/securitySchemes/TokenGuard.bearer").toString()).isEqualTo("{\"type\":\"http\","
                + "\"scheme\":\"bearer\",\"description\":\"The token the login gateway's reply holds\"}");
        assertThat(at("/components/securitySchemes/TokenGuard.query").toString())
                .isEqualTo("{\"type\":\"httpApiKey\",\"name\":\"access_token\",\"in\":\"query\"}");
        // bound to the whole ChatGateway: each of its receive operations, any one of the four places
        String all = "[{\"$ref\":\"#/components/securitySchemes/TokenGuard.bearer\"},"
                + "{\"$ref\":\"#/components/securitySchemes/TokenGuard.header\"},"
                + "{\"$ref\":\"#/components/securitySchemes/TokenGuard.cookie\"},"
                + "{\"$ref\":\"#/components/securitySchemes/TokenGuard.query\"}]";
        assertThat(at("/operations/ChatGateway.send_message/security").toString()).isEqualTo(all);
        assertThat(at("/operations/ChatGateway.typing/security").toString()).isEqualTo(all);
        // the login gateway has no guard
        assertThat(at("/operations/LoginGateway.login").asJsonObject()).doesNotContainKey("security");
    }

    @Test
    void validationConstraintsOfTheSampleDtos() {
        assertThat(at("/components/schemas/JobRequest").toString()).isEqualTo("{\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":1,\"pattern\":\"\\\\S\"},"
                + "\"steps\":{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1,\"maximum\":100}},"
                + "\"required\":[\"name\"]}");
        assertThat(at("/components/schemas/LoginRequest/properties/name/maxLength")).isEqualTo(Json.createValue(20));
    }

    @Test
    void streamedRepliesAndServerPushes() {
        assertThat(at("/channels/AssistantGateway/messages/prompt.reply/payload/properties/end/const"))
                .isEqualTo(JsonValue.TRUE);
        assertThat(at("/channels/AssistantGateway/messages/prompt.reply/payload/properties/data").toString())
                .isEqualTo("{\"type\":\"string\"}");
        // the dashboard only pushes: no receive operation but the emitted metrics and the error frames
        assertThat(DOC.getJsonObject("operations").keySet().stream().filter(k -> k.startsWith("DashboardGateway.")))
                .containsExactly("DashboardGateway.emit.metrics", "DashboardGateway.exception");
        assertThat(at("/components/schemas/Metrics/properties").asJsonObject()).containsKey("heapUsedMb");
    }
}
