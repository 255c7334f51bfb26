package org.cdigateway.internal.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.cdigateway.internal.asyncapi.GuardedGateways.Invalid;
import org.cdigateway.internal.asyncapi.GuardedGateways.Mixed;
import org.cdigateway.internal.asyncapi.GuardedGateways.Plain;
import org.cdigateway.internal.asyncapi.GuardedGateways.Secured;
import org.cdigateway.internal.asyncapi.GuardedGateways.SessionGuard;
import org.junit.jupiter.api.Test;

/** Guards that declare {@code @SecurityScheme}: {@code components.securitySchemes} and the operations' security. */
class AsyncApiSecurityTest {

    static final JsonObject DOC = new AsyncApiGenerator("Secured", "1.0.0")
            .generate(List.of(Secured.class, Mixed.class, Plain.class));

    static JsonValue at(JsonObject doc, String pointer) {
        return Json.createPointer(pointer).getValue(doc);
    }

    static String security(JsonObject doc, String operation) {
        JsonObject op = doc.getJsonObject("operations").getJsonObject(operation);
        assertThat(op).as(operation).isNotNull();
        return op.containsKey("security") ? op.getJsonArray("security").toString() : null;
    }

    static String refs(String... keys) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < keys.length; i++) {
            b.append(i > 0 ? "," : "").append("{\"$ref\":\"#/components/securitySchemes/").append(keys[i])
                    .append("\"}");
        }
        return b.append(']').toString();
    }

    @Test
    void oneSchemePerDeclarationNamedAfterItsGuard() {
        JsonObject schemes = at(DOC, "/components/securitySchemes").asJsonObject();
        // RolesGuard declares nothing; BearerGuard is used by two gateways and listed once
        assertThat(schemes.keySet()).containsExactlyInAnyOrder("ApiKeyGuard", "BearerGuard", "BearerGuard_2",
                "TokenPlacesGuard.bearer", "TokenPlacesGuard.header", "TokenPlacesGuard.query");
        assertThat(schemes.getJsonObject("BearerGuard").toString()).isEqualTo("{\"type\":\"http\",\"scheme\":"
                + "\"bearer\",\"bearerFormat\":\"JWT\",\"description\":\"A token from the sign-in service\"}");
        assertThat(schemes.getJsonObject("ApiKeyGuard").toString())
                .isEqualTo("{\"type\":\"httpApiKey\",\"name\":\"X-Api-Key\",\"in\":\"header\"}");
        // a guard with the same simple name in another class, whose scheme name is not case sensitive
        assertThat(schemes.getJsonObject("BearerGuard_2").toString())
                .isEqualTo("{\"type\":\"http\",\"scheme\":\"basic\"}");
    }

    @Test
    void aGuardThatAcceptsSeveralPlacesHasASchemeForEach() {
        JsonObject schemes = at(DOC, "/components/securitySchemes").asJsonObject();
        assertThat(schemes.getJsonObject("TokenPlacesGuard.bearer").toString())
                .isEqualTo("{\"type\":\"http\",\"scheme\":\"bearer\"}");
        assertThat(schemes.getJsonObject("TokenPlacesGuard.header").toString()).isEqualTo("{\"type\":\"httpApiKey\","
                + "\"name\":\"Sec-WebSocket-Protocol\",\"in\":\"header\","
                + "\"description\":\"The subprotocols `bearer, <token>`\"}");
        assertThat(schemes.getJsonObject("TokenPlacesGuard.query").toString())
                .isEqualTo("{\"type\":\"httpApiKey\",\"name\":\"access_token\",\"in\":\"query\"}");
        // any one of them will do: all three, in the order the guard declares them
        assertThat(security(DOC, "Mixed.locked"))
                .isEqualTo(refs("TokenPlacesGuard.bearer", "TokenPlacesGuard.header", "TokenPlacesGuard.query"));
    }

    @Test
    void classGuardsProtectEveryReceiveOperationOfTheirGateway() {
        assertThat(security(DOC, "Secured.read")).isEqualTo(refs("BearerGuard"));
        // the class's guards first, then the handler's
        assertThat(security(DOC, "Secured.admin")).isEqualTo(refs("BearerGuard", "ApiKeyGuard"));
        // the class's guard named again on the handler: once
        assertThat(security(DOC, "Secured.again")).isEqualTo(refs("BearerGuard"));
        // what the gateway sends carries none
        assertThat(security(DOC, "Secured.exception")).isNull();
    }

    @Test
    void handlerGuardsProtectTheirOperationOnly() {
        assertThat(security(DOC, "Mixed.open")).isNull();
        assertThat(security(DOC, "Mixed.roles")).isNull(); // a guard that declares no scheme
        assertThat(security(DOC, "Mixed.bearer")).isEqualTo(refs("BearerGuard", "BearerGuard_2"));
        assertThat(security(DOC, "Plain.hello")).isNull();
    }

    @Test
    void everyReferenceNamesAScheme() {
        JsonObject schemes = at(DOC, "/components/securitySchemes").asJsonObject();
        for (JsonValue op : DOC.getJsonObject("operations").values()) {
            for (JsonValue ref : op.asJsonObject().getOrDefault("security", JsonValue.EMPTY_JSON_ARRAY)
                    .asJsonArray()) {
                String to = ref.asJsonObject().getString("$ref");
                assertThat(to).startsWith("#/components/securitySchemes/");
                assertThat(schemes).containsKey(to.substring("#/components/securitySchemes/".length()));
            }
        }
    }

    @Test
    void noSectionWhenNoGuardDeclaresAScheme() {
        JsonObject doc = new AsyncApiGenerator("Plain", "1.0.0")
                .generate(List.of(Plain.class, TypesGateway.class));
        assertThat(doc.getJsonObject("components").keySet()).doesNotContain("securitySchemes");
        assertThat(AsyncApiGenerator.write(doc)).doesNotContain("security");
    }

    @Test
    void globalGuardsComeFirstOnEveryReceiveOperation() {
        JsonObject doc = new AsyncApiGenerator("Global", "1.0.0").globalGuards(List.of(SessionGuard.class))
                .generate(List.of(Secured.class, Plain.class));
        assertThat(at(doc, "/components/securitySchemes/SessionGuard").toString())
                .isEqualTo("{\"type\":\"httpApiKey\",\"name\":\"session\",\"in\":\"cookie\"}");
        assertThat(security(doc, "Plain.hello")).isEqualTo(refs("SessionGuard"));
        assertThat(security(doc, "Secured.admin")).isEqualTo(refs("SessionGuard", "BearerGuard", "ApiKeyGuard"));
        assertThat(security(doc, "Plain.exception")).isNull();
    }

    @Test
    void theServedDocumentHasTheSchemesOfTheGlobalGuards() {
        AsyncApiRoute route = new AsyncApiRoute(AsyncApiSettings.DEFAULTS, List.of(Plain.class),
                List.of(SessionGuard.class));
        JsonObject served = Json.createReader(new java.io.ByteArrayInputStream(route.document())).readObject();
        assertThat(security(served, "Plain.hello")).isEqualTo(refs("SessionGuard"));
        assertThat(at(served, "/components/securitySchemes").asJsonObject().keySet()).containsExactly("SessionGuard");
    }

    @Test
    void namesDoNotDependOnTheOrderOfTheGateways() {
        String reversed = AsyncApiGenerator.write(new AsyncApiGenerator("Secured", "1.0.0")
                .generate(List.of(Plain.class, Mixed.class, Secured.class)));
        assertThat(reversed).isEqualTo(AsyncApiGenerator.write(DOC));
        // only Mixed meets the second BearerGuard; alone, it still comes second by class name
        JsonObject mixed = new AsyncApiGenerator("Mixed", "1.0.0").generate(List.of(Mixed.class));
        assertThat(security(mixed, "Mixed.bearer")).isEqualTo(refs("BearerGuard", "BearerGuard_2"));
    }

    @Test
    void contradictoryDeclarationsAreRefused() {
        assertThatThrownBy(() -> new AsyncApiGenerator("x", "1").generate(List.of(Invalid.Gateway.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid$NoName has type HTTP_API_KEY and no name");
        assertThatThrownBy(() -> new AsyncApiGenerator("x", "1").generate(List.of(Invalid.Gateway2.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FormatOfBasic has a bearerFormat with the scheme \"basic\"");
        assertThatThrownBy(() -> new AsyncApiGenerator("x", "1").generate(List.of(Invalid.Gateway3.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HttpWithName has type HTTP and a name (\"access_token\")");
    }

    @org.cdigateway.WebSocketGateway("/members")
    @jakarta.annotation.security.RolesAllowed("chat")
    public static class Members {

        @org.cdigateway.SubscribeMessage("say")
        public String say(String text) {
            return text;
        }

        @org.cdigateway.SubscribeMessage("purge")
        @jakarta.annotation.security.RolesAllowed({"admin", "**"})
        public String purge() {
            return "purged";
        }

        @org.cdigateway.SubscribeMessage("shutdown")
        @jakarta.annotation.security.DenyAll
        public String shutdown() {
            return "never";
        }

        @org.cdigateway.SubscribeMessage("hello")
        @jakarta.annotation.security.PermitAll
        public String hello() {
            return "hi";
        }
    }

    @Test
    void rolesAllowedAreListedOnTheChannelAndTheOperationsThatDeclareThem() {
        JsonObject doc = new AsyncApiGenerator("Roles", "1.0.0").generate(List.of(Members.class, Plain.class));
        JsonObject channels = doc.getJsonObject("channels");
        String members = channels.keySet().stream().filter(k -> k.contains("Members")).findFirst().orElseThrow();
        assertThat(channels.getJsonObject(members).get("x-roles-allowed").toString()).isEqualTo("[\"chat\"]");
        JsonObject ops = doc.getJsonObject("operations");
        String prefix = members + ".";
        assertThat(ops.getJsonObject(prefix + "purge").get("x-roles-allowed").toString())
                .isEqualTo("[\"admin\",\"**\"]");
        assertThat(ops.getJsonObject(prefix + "shutdown").get("x-roles-allowed").toString()).isEqualTo("[]");
        assertThat(ops.getJsonObject(prefix + "say")).doesNotContainKey("x-roles-allowed"); // the channel's applies
        assertThat(ops.getJsonObject(prefix + "hello")).doesNotContainKey("x-roles-allowed");
        channels.forEach((name, channel) -> {
            if (!name.equals(members)) {
                assertThat(channel.asJsonObject()).as(name).doesNotContainKey("x-roles-allowed");
            }
        });
    }
}
