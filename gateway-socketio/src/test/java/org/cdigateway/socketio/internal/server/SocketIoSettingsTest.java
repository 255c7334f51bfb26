package org.cdigateway.socketio.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.inject.spi.DefinitionException;

import org.cdigateway.Adapter;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.deployment.DeploymentProblems;
import org.cdigateway.socketio.SocketIoConfig;
import org.cdigateway.socketio.Transport;
import org.junit.jupiter.api.Test;

/** How the Socket.IO settings are read: configuration over annotations over defaults, and every mistake reported. */
class SocketIoSettingsTest {

    @WebSocketGateway(adapter = Adapter.SOCKET_IO)
    static class Plain {}

    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/a")
    @SocketIoConfig(path = "engine", pingInterval = 1000, pingTimeout = 500, maxPayload = 2048, connectTimeout = 3000, maxAttachments = 2, allowedOrigins = {
            "https://App.example/",
            "http://b.example:8080"}, transports = Transport.WEBSOCKET, recoveryWindow = 120_000)
    static class Everything {}

    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/b")
    @SocketIoConfig(pingInterval = 1000, allowedOrigins = {"http://b.example:8080", "https://app.example"})
    static class Agreeing {}

    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/c")
    @SocketIoConfig(pingInterval = 2000, transports = {Transport.POLLING, Transport.WEBSOCKET})
    static class Disagreeing {}

    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/d")
    @SocketIoConfig(pingInterval = 0, maxPayload = -7, recoveryWindow = -2, allowedOrigins = "app.example", path = "/a b")
    static class Invalid {}

    @WebSocketGateway("/native")
    @SocketIoConfig(pingInterval = 1000)
    static class NativeOnly {}

    private final List<DefinitionException> problems = new ArrayList<>();

    private SocketIoSettings read(Map<String, String> config, Class<?>... gateways) {
        return SocketIoSettings.read(List.of(gateways), key -> Optional.ofNullable(config.get(key)), problems::add);
    }

    private List<String> messages() {
        return problems.stream().map(DefinitionException::getMessage).toList();
    }

    @Test
    void withNothingSetTheSettingsAreThoseOfTheReferenceServer() {
        SocketIoSettings s = read(Map.of(), Plain.class);
        assertThat(problems).isEmpty();
        assertThat(s).isEqualTo(SocketIoSettings.DEFAULTS);
        assertThat(s.path()).isEqualTo("/socket.io/");
        assertThat(s.pingInterval()).isEqualTo(25_000);
        assertThat(s.pingTimeout()).isEqualTo(20_000);
        assertThat(s.maxPayload()).isEqualTo(1_000_000);
        assertThat(s.recoveryWindow()).isZero();
        assertThat(s.transports()).containsExactlyInAnyOrder(Transport.POLLING, Transport.WEBSOCKET);
        assertThat(s.allowsOrigin("https://anywhere.example")).isTrue();
        assertThat(s.allowsOrigin(null)).isTrue();
    }

    @Test
    void theAnnotationSetsEveryMember() {
        SocketIoSettings s = read(Map.of(), Plain.class, Everything.class);
        assertThat(problems).isEmpty();
        assertThat(s).isEqualTo(new SocketIoSettings("/engine/", 1000, 500, 2048, 3000, 2,
                Set.of("https://app.example", "http://b.example:8080"), Set.of(Transport.WEBSOCKET), 120_000));
        assertThat(s.allowsOrigin("https://app.example")).isTrue();
        assertThat(s.allowsOrigin("HTTPS://APP.EXAMPLE/")).isTrue();
        assertThat(s.allowsOrigin("http://b.example:8080")).isTrue();
        assertThat(s.allowsOrigin("http://b.example")).isFalse();
        assertThat(s.allowsOrigin("https://evil.example")).isFalse();
        assertThat(s.allowsOrigin(null)).as("no Origin: not a browser").isTrue();
        assertThat(s.serves(Transport.POLLING)).isFalse();
    }

    @Test
    void aConfiguredKeyOverridesTheAnnotation() {
        SocketIoSettings s = read(Map.of("cdigateway.socketio.ping-interval", " 777 ",
                "cdigateway.socketio.transports", "Polling, websocket", "cdigateway.socketio.allowed-origins", "*",
                "cdigateway.socketio.recovery-window", "0", "cdigateway.socketio.max-payload", ""), Everything.class);
        assertThat(problems).isEmpty();
        assertThat(s.pingInterval()).as("configured").isEqualTo(777);
        assertThat(s.transports()).as("configured").containsExactlyInAnyOrder(Transport.POLLING, Transport.WEBSOCKET);
        assertThat(s.allowsOrigin("https://evil.example")).as("configured").isTrue();
        assertThat(s.recoveryWindow()).as("configured: off").isZero();
        assertThat(s.maxPayload()).as("a blank key is not set: the annotation's").isEqualTo(2048);
        assertThat(s.pingTimeout()).as("not configured: the annotation's").isEqualTo(500);
    }

    @Test
    void aKeyOverridesTheDefaultWithoutAnnotation() {
        SocketIoSettings s = read(Map.of("cdigateway.socketio.transports", "websocket",
                "cdigateway.socketio.allowed-origins", "https://a.example, https://b.example",
                "cdigateway.socketio.recovery-window", "60000", "cdigateway.socketio.path", "io"), Plain.class);
        assertThat(problems).isEmpty();
        assertThat(s.transports()).containsExactly(Transport.WEBSOCKET);
        assertThat(s.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(s.recoveryWindow()).isEqualTo(60_000);
        assertThat(s.path()).isEqualTo("/io/");
    }

    @Test
    void gatewaysThatAgreeOrSetDifferentMembersAreFine() {
        SocketIoSettings s = read(Map.of(), Everything.class, Agreeing.class, Plain.class);
        assertThat(problems).as("origins compared as sets, after normalizing").isEmpty();
        assertThat(s.pingInterval()).isEqualTo(1000);
    }

    @Test
    void gatewaysThatDisagreeAreReportedForEachMember() {
        read(Map.of(), Everything.class, Disagreeing.class);
        assertThat(messages()).containsExactlyInAnyOrder(
                "GW-0118 @SocketIoConfig sets pingInterval to 1000 on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Everything and to 2000 on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Disagreeing, but one Socket.IO"
                        + " endpoint serves every namespace, so it has one value. Set pingInterval on one of the"
                        + " gateways only, or to the same value on both.",
                "GW-0118 @SocketIoConfig sets transports to {\"websocket\"} on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Everything and to"
                        + " {\"polling\", \"websocket\"} on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Disagreeing, but one Socket.IO"
                        + " endpoint serves every namespace, so it has one value. Set transports on one of the"
                        + " gateways only, or to the same value on both.");
    }

    @Test
    void everyInvalidAnnotationValueIsReported() {
        SocketIoSettings s = read(Map.of(), Invalid.class);
        assertThat(messages()).containsExactlyInAnyOrder(
                "GW-0120 The Socket.IO setting @SocketIoConfig(path = \"/a b\") on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Invalid is not valid: path must"
                        + " be a path such as /socket.io/, without spaces, '?', '#', '*', '{' or '}'. Change the value,"
                        + " or remove it to use the default.",
                "GW-0120 The Socket.IO setting @SocketIoConfig(pingInterval = 0) on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Invalid is not valid:"
                        + " pingInterval must be a positive number. Change the value, or remove it to use the default.",
                "GW-0120 The Socket.IO setting @SocketIoConfig(maxPayload = -7) on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Invalid is not valid:"
                        + " maxPayload must be a positive number. Change the value, or remove it to use the default.",
                "GW-0120 The Socket.IO setting @SocketIoConfig(recoveryWindow = -2) on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Invalid is not valid:"
                        + " recoveryWindow must be 0 (no recovery) or a positive number of milliseconds. Change the"
                        + " value, or remove it to use the default.",
                "GW-0120 The Socket.IO setting @SocketIoConfig(allowedOrigins = {\"app.example\"}) on"
                        + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.Invalid is not valid:"
                        + " allowedOrigins must be \"*\" or origins such as https://app.example (scheme://host[:port])."
                        + " Change the value, or remove it to use the default.");
        assertThat(s).as("each invalid value keeps its default").isEqualTo(SocketIoSettings.DEFAULTS);
    }

    @Test
    void everyInvalidConfigurationValueIsReported() {
        SocketIoSettings s = read(Map.of("cdigateway.socketio.ping-timeout", "soon", "cdigateway.socketio.transports",
                "polling,carrier-pigeon", "cdigateway.socketio.max-attachments", "0",
                "cdigateway.socketio.allowed-origins", "https://a.example/path", "cdigateway.socketio.connect-timeout",
                "-5"), Everything.class);
        assertThat(messages()).containsExactlyInAnyOrder(
                "GW-0120 The Socket.IO setting cdigateway.socketio.ping-timeout=soon is not valid: ping-timeout must be"
                        + " a positive number. Change the value, or remove it to use the default.",
                "GW-0120 The Socket.IO setting cdigateway.socketio.transports=polling,carrier-pigeon is not valid:"
                        + " 'carrier-pigeon' is not a transport; transports must name polling, websocket or both."
                        + " Change the value, or remove it to use the default.",
                "GW-0120 The Socket.IO setting cdigateway.socketio.max-attachments=0 is not valid: max-attachments"
                        + " must be a positive number. Change the value, or remove it to use the default.",
                "GW-0120 The Socket.IO setting cdigateway.socketio.allowed-origins=https://a.example/path is not"
                        + " valid: allowed-origins must be \"*\" or origins such as https://app.example"
                        + " (scheme://host[:port]). Change the value, or remove it to use the default.",
                "GW-0120 The Socket.IO setting cdigateway.socketio.connect-timeout=-5 is not valid: connect-timeout"
                        + " must be a positive number. Change the value, or remove it to use the default.");
        assertThat(s.pingTimeout()).as("an invalid key leaves the annotation's value").isEqualTo(500);
    }

    @Test
    void transportsThatNameNoneAreInvalid() {
        read(Map.of("cdigateway.socketio.transports", " , "), Plain.class);
        assertThat(messages()).singleElement().asString().startsWith(
                "GW-0120 The Socket.IO setting cdigateway.socketio.transports=, is not valid: transports must name"
                        + " polling, websocket or both.");
    }

    @Test
    void theAnnotationOnAGatewayThatDoesNotSpeakSocketIoIsReported() {
        DeploymentProblems found = new DeploymentProblems();
        SocketIoSettings.check(List.of(NativeOnly.class, Plain.class), SocketIoAdapter::speaksSocketIo, found);
        assertThat(found.all()).extracting(DefinitionException::getMessage).containsExactly("GW-0119"
                + " org.cdigateway.socketio.internal.server.SocketIoSettingsTest.NativeOnly has @SocketIoConfig but"
                + " does not speak Socket.IO. Add Adapter.SOCKET_IO to its @WebSocketGateway(adapter = ...), or move"
                + " @SocketIoConfig to a gateway that does.");
    }

    @Test
    void readingForTheEndpointFailsWithEveryProblem() {
        assertThatThrownBy(() -> SocketIoSettings.read(List.of(Everything.class, Disagreeing.class, Invalid.class)))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("GW-0118").hasMessageContaining("GW-0120")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSizeGreaterThan(5));
    }
}
