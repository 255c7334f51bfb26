package org.cdigateway.internal.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class AsyncApiGeneratorTest {

    static final JsonObject DOC = new AsyncApiGenerator("Shop", "1.2.3").description("A shop")
            .generate(List.of(TypesGateway.class));

    static JsonValue at(String pointer) {
        return Json.createPointer(pointer).getValue(DOC);
    }

    static String text(String pointer) {
        return Json.createPointer(pointer).getValue(DOC).toString();
    }

    static boolean has(String pointer) {
        JsonPointer p = Json.createPointer(pointer);
        return p.containsValue(DOC);
    }

    @Test
    void documentHeader() {
        assertThat(DOC.getString("asyncapi")).isEqualTo("3.0.0");
        assertThat(at("/info/title")).isEqualTo(Json.createValue("Shop"));
        assertThat(at("/info/version")).isEqualTo(Json.createValue("1.2.3"));
        assertThat(DOC.getJsonObject("info").getString("description")).startsWith("A shop\n\n")
                .contains("4401: not authenticated");
        assertThat(DOC.getString("defaultContentType")).isEqualTo("application/json");
        assertThat(DOC.getJsonObject("x-close-codes").keySet()).containsExactly("1000", "1001", "1003", "1008",
                "1009", "1011", "1013", "4401", "4403", "4429");
    }

    @Test
    void channelPerGatewayWithPathParameters() {
        assertThat(at("/channels/TypesGateway/address")).isEqualTo(Json.createValue("/shop/{region}/{tier}"));
        assertThat(DOC.getJsonObject("channels").getJsonObject("TypesGateway").getJsonObject("parameters")
                .keySet()).containsExactlyInAnyOrder("region", "tier");
        // the @PathParam of an enum type lists its values
        assertThat(text("/channels/TypesGateway/parameters/region/enum")).isEqualTo("[\"EU\",\"US\"]");
        assertThat(has("/channels/TypesGateway/parameters/tier/enum")).isFalse();
    }

    @Test
    void requestMessageIsTheWholeFrame() {
        JsonObject payload = at("/channels/TypesGateway/messages/order/payload").asJsonObject();
        assertThat(payload.getJsonObject("properties").keySet()).containsExactlyInAnyOrder("event", "data", "id");
        assertThat(text("/channels/TypesGateway/messages/order/payload/properties/event"))
                .isEqualTo("{\"type\":\"string\",\"const\":\"order\"}");
        assertThat(text("/channels/TypesGateway/messages/order/payload/properties/data"))
                .isEqualTo("{\"$ref\":\"#/components/schemas/Order\"}");
        assertThat(text("/channels/TypesGateway/messages/order/payload/properties/id/type"))
                .isEqualTo("[\"string\",\"number\"]");
        // @NotNull on the body: data is required
        assertThat(text("/channels/TypesGateway/messages/order/payload/required")).isEqualTo("[\"event\",\"data\"]");
        assertThat(text("/channels/TypesGateway/messages/order/correlationId/location"))
                .isEqualTo("\"$message.payload#/id\"");
    }

    @Test
    void receiveOperationWithReply() {
        JsonObject op = at("/operations/TypesGateway.order").asJsonObject();
        assertThat(op.getString("action")).isEqualTo("receive");
        assertThat(op.getJsonObject("channel").getString("$ref")).isEqualTo("#/channels/TypesGateway");
        assertThat(op.getJsonArray("messages").toString())
                .isEqualTo("[{\"$ref\":\"#/channels/TypesGateway/messages/order\"}]");
        assertThat(op.getJsonObject("reply").getJsonArray("messages").toString()).isEqualTo(
                "[{\"$ref\":\"#/channels/TypesGateway/messages/order.reply\"},"
                        + "{\"$ref\":\"#/channels/TypesGateway/messages/exception\"}]");
        // CompletionStage<Price> replies with a Price
        assertThat(text("/channels/TypesGateway/messages/order.reply/payload/properties/data"))
                .isEqualTo("{\"$ref\":\"#/components/schemas/Price\"}");
        // a void handler has no reply message, only error frames
        assertThat(has("/channels/TypesGateway/messages/move.reply")).isFalse();
        assertThat(at("/operations/TypesGateway.move/reply/messages").asJsonArray()).hasSize(1);
    }

    @Test
    void bodyProperties() {
        assertThat(text("/channels/TypesGateway/messages/move/payload/properties/data")).isEqualTo(
                "{\"type\":\"object\",\"properties\":{\"from\":{\"type\":\"integer\",\"format\":\"int32\"},"
                        + "\"to\":{\"type\":\"string\",\"maxLength\":5}},\"required\":[\"from\"]}");
    }

    @Test
    void primitiveBodyWithConstraint() {
        assertThat(text("/channels/TypesGateway/messages/count/payload/properties/data"))
                .isEqualTo("{\"type\":\"integer\",\"format\":\"int64\",\"minimum\":0}");
        assertThat(text("/channels/TypesGateway/messages/count/payload/required")).isEqualTo("[\"event\",\"data\"]");
        assertThat(text("/channels/TypesGateway/messages/count.reply/payload/properties/data"))
                .isEqualTo("{\"type\":\"integer\",\"format\":\"int32\"}");
    }

    @Test
    void recordWithConstraintsAndJsonbNames() {
        JsonObject order = at("/components/schemas/Order").asJsonObject();
        JsonObject p = order.getJsonObject("properties");
        assertThat(p.keySet()).contains("express_shipping").doesNotContain("express");
        assertThat(order.getJsonArray("required").toString()).isEqualTo("[\"id\",\"lines\"]");
        assertThat(p.getJsonObject("id").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"uuid\"}");
        assertThat(p.getJsonObject("lines").toString()).isEqualTo(
                "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Line\"},\"minItems\":1,\"maxItems\":10}");
        assertThat(p.getJsonObject("contact").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"email\"}");
        assertThat(p.getJsonObject("country").getString("pattern")).isEqualTo("[A-Z]{2}");
        assertThat(p.getJsonObject("at").getString("format")).isEqualTo("date-time");
        assertThat(p.getJsonObject("day").getString("format")).isEqualTo("date");
        assertThat(p.getJsonObject("timeout").getString("format")).isEqualTo("duration");
        assertThat(p.getJsonObject("tags").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"uniqueItems\":true}");
        assertThat(p.getJsonObject("counts").toString()).isEqualTo(
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\",\"format\":\"int32\"}}");
        assertThat(p.getJsonObject("status").toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Status\"}");
        assertThat(p.getJsonObject("weights").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"number\",\"format\":\"double\"}}");
        assertThat(p.getJsonObject("extra").toString()).isEqualTo("{\"type\":\"object\"}");
        assertThat(p.getJsonObject("discount").toString())
                .isEqualTo("{\"type\":\"number\",\"exclusiveMaximum\":100.5}");
        assertThat(text("/components/schemas/Status"))
                .isEqualTo("{\"type\":\"string\",\"enum\":[\"OPEN\",\"CLOSED\"]}");
    }

    @Test
    void nestedConstraintsOptionalAndNumbers() {
        JsonObject line = at("/components/schemas/Line").asJsonObject();
        assertThat(line.getJsonArray("required").toString()).isEqualTo("[\"sku\"]");
        assertThat(line.getJsonObject("properties").getJsonObject("sku").toString())
                .isEqualTo("{\"type\":\"string\",\"minLength\":1,\"pattern\":\"\\\\S\"}");
        assertThat(line.getJsonObject("properties").getJsonObject("quantity").toString())
                .isEqualTo("{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1,\"maximum\":99}");
        assertThat(line.getJsonObject("properties").getJsonObject("note").toString())
                .isEqualTo("{\"type\":\"string\"}");
        JsonObject price = at("/components/schemas/Price").asJsonObject();
        assertThat(price.getJsonObject("properties").getJsonObject("amount").toString())
                .isEqualTo("{\"type\":\"number\",\"exclusiveMinimum\":0}");
        assertThat(price.getJsonObject("properties").getJsonObject("currency").toString())
                .isEqualTo("{\"type\":\"string\",\"minLength\":3,\"maxLength\":3}");
    }

    @Test
    void genericTypesGetASchemaPerArgument() {
        assertThat(text("/components/schemas/PageOfLine/properties/items/items"))
                .isEqualTo("{\"$ref\":\"#/components/schemas/Line\"}");
        assertThat(text("/components/schemas/PageOfPrice/properties/items/items"))
                .isEqualTo("{\"$ref\":\"#/components/schemas/Price\"}");
        assertThat(text("/channels/TypesGateway/messages/list.reply/payload/properties/data"))
                .isEqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/PageOfPrice\"}}");
    }

    @Test
    void classPropertiesThroughAccessors() {
        JsonObject customer = at("/components/schemas/Customer/properties").asJsonObject();
        assertThat(customer.keySet()).containsExactly("age", "full_name");
        // WsResponse: the reply's event is the handler's choice
        assertThat(at("/channels/TypesGateway/messages/customer.reply/payload/properties/event").asJsonObject()
                .containsKey("const")).isFalse();
        assertThat(text("/channels/TypesGateway/messages/customer.reply/payload/properties/data"))
                .isEqualTo("{\"$ref\":\"#/components/schemas/Customer\"}");
    }

    @Test
    void polymorphismBecomesOneOfWithDiscriminator() {
        assertThat(text("/components/schemas/Payment")).isEqualTo("{\"type\":\"object\",\"oneOf\":["
                + "{\"$ref\":\"#/components/schemas/Card\"},{\"$ref\":\"#/components/schemas/Transfer\"}],"
                + "\"discriminator\":\"kind\"}");
        assertThat(text("/components/schemas/Card/properties/kind"))
                .isEqualTo("{\"type\":\"string\",\"const\":\"card\"}");
        assertThat(text("/components/schemas/Card/required")).isEqualTo("[\"kind\",\"number\"]");
        assertThat(text("/components/schemas/Transfer/required")).isEqualTo("[\"kind\"]");
    }

    @Test
    void recursiveTypes() {
        assertThat(text("/components/schemas/Category/properties/children/items"))
                .isEqualTo("{\"$ref\":\"#/components/schemas/Category\"}");
        JsonObject stream = at("/channels/TypesGateway/messages/tree.reply/payload/properties").asJsonObject();
        assertThat(stream.getJsonObject("end").getBoolean("const")).isTrue();
        assertThat(stream.getJsonObject("data").getString("$ref")).isEqualTo("#/components/schemas/Category");
    }

    @Test
    void catchAllAndBinary() {
        assertThat(at("/channels/TypesGateway/messages/any/payload/properties/event").asJsonObject()
                .containsKey("const")).isFalse();
        assertThat(at("/channels/TypesGateway/messages/binary/contentType"))
                .isEqualTo(Json.createValue("application/octet-stream"));
        assertThat(at("/channels/TypesGateway/messages/binary.reply/contentType"))
                .isEqualTo(Json.createValue("application/octet-stream"));
    }

    @Test
    void emittedEventsAreSendOperations() {
        assertThat(DOC.getJsonObject("operations").keySet()).contains("TypesGateway.emit.price_changed",
                "TypesGateway.emit.ping", "TypesGateway.emit.order_placed");
        JsonObject op = at("/operations/TypesGateway.emit.price_changed").asJsonObject();
        assertThat(op.getString("action")).isEqualTo("send");
        assertThat(op.getJsonArray("messages").toString())
                .isEqualTo("[{\"$ref\":\"#/channels/TypesGateway/messages/price_changed.emit\"}]");
        JsonObject message = at("/channels/TypesGateway/messages/price_changed.emit").asJsonObject();
        assertThat(message.getString("name")).isEqualTo("price:changed");
        assertThat(message.getString("description")).isEqualTo("A price changed");
        assertThat(message.getJsonObject("payload").getJsonObject("properties").keySet())
                .containsExactlyInAnyOrder("event", "data");
        assertThat(text("/channels/TypesGateway/messages/price_changed.emit/payload/properties/event/const"))
                .isEqualTo("\"price:changed\"");
        // an event without data
        assertThat(at("/channels/TypesGateway/messages/ping.emit/payload/properties").asJsonObject().keySet())
                .containsExactly("event");
        // declared on a handler
        assertThat(text("/channels/TypesGateway/messages/order_placed.emit/payload/properties/data"))
                .isEqualTo("{\"$ref\":\"#/components/schemas/Order\"}");
    }

    @Test
    void errorFrames() {
        assertThat(text("/channels/TypesGateway/messages/exception"))
                .isEqualTo("{\"$ref\":\"#/components/messages/exception\"}");
        assertThat(at("/operations/TypesGateway.exception/action")).isEqualTo(Json.createValue("send"));
        assertThat(text("/components/messages/exception/payload/properties/event/const")).isEqualTo("\"exception\"");
        assertThat(text("/components/schemas/GatewayError/properties/code/enum")).isEqualTo(
                "[\"BAD_FRAME\",\"UNKNOWN_EVENT\",\"VALIDATION_FAILED\",\"FORBIDDEN\",\"INTERNAL\",\"DUPLICATE_ID\","
                        + "\"LIMIT_EXCEEDED\"]");
        assertThat(has("/components/schemas/GatewayError/properties/violations/items/properties/path")).isTrue();
    }

    @Test
    void outputIsDeterministicAndSorted() {
        String first = AsyncApiGenerator.write(DOC);
        String again = AsyncApiGenerator.write(new AsyncApiGenerator("Shop", "1.2.3").description("A shop")
                .generate(List.of(TypesGateway.class)));
        assertThat(again).isEqualTo(first);
        assertThat(first.indexOf("\"asyncapi\"")).isLessThan(first.indexOf("\"channels\""));
        assertThat(first.indexOf("\"channels\"")).isLessThan(first.indexOf("\"components\""));
        assertThat(Json.createReader(new java.io.StringReader(first)).readObject()).isEqualTo(DOC);
    }

    @Test
    void refusesAClassThatIsNotAGateway() {
        assertThatThrownBy(() -> new AsyncApiGenerator("x", "1").generate(List.of(String.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
    }

    @Test
    void severalGatewaysKeepTheirOwnNames() {
        JsonObject doc = new AsyncApiGenerator("x", "1")
                .generate(List.of(SmallGateways.Root.class, TypesGateway.class, SmallGateways.Rooms.class,
                        SmallGateways.SocketIoOnly.class));
        assertThat(doc.getJsonObject("channels").keySet()).containsExactly("Rooms", "Root", "TypesGateway");
        assertThat(Json.createPointer("/channels/Root/address").getValue(doc)).isEqualTo(Json.createValue("/"));
        assertThat(doc.getJsonObject("channels").getJsonObject("Root").containsKey("parameters")).isFalse();
        // a second record named Price gets a qualified name
        JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
        assertThat(schemas.keySet()).contains("Price", // gateways are read in the order of their class names
                "org.cdigateway.internal.asyncapi.TypesGateway.Price");
        assertThat(Json.createPointer("/channels/Rooms/messages/price.reply/payload/properties/data").getValue(doc)
                .toString()).isEqualTo("{\"$ref\":\"#/components/schemas/Price\"}");
        assertThat(schemas.keySet()).doesNotContain(
                "org.cdigateway.internal.asyncapi.SmallGateways.Rooms.Price");
        assertThat(Json.createPointer("/channels/Rooms/messages/room_join/name").getValue(doc))
                .isEqualTo(Json.createValue("room/join"));
        assertThat(Json.createPointer("/channels/Rooms/messages/room_join/payload/properties/data").getValue(doc)
                .toString()).isEqualTo("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}");
        // a handler without a body says nothing about data
        assertThat(Json.createPointer("/channels/Rooms/messages/price/payload/properties").getValue(doc)
                .asJsonObject().keySet()).containsExactlyInAnyOrder("event", "id");
        assertThat(Json.createPointer("/channels/Rooms/messages/args/payload/properties/data/type").getValue(doc))
                .isEqualTo(Json.createValue("array"));
        assertThat(Json.createPointer("/channels/Rooms/messages/raw/payload/properties/data").getValue(doc))
                .isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void constraintsOnTypeArguments() {
        assertThat(text("/channels/TypesGateway/messages/labels/payload/properties/data")).isEqualTo(
                "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"pattern\":\"[a-z]+\"},\"maxItems\":3}");
        JsonObject p = at("/components/schemas/Labels/properties").asJsonObject();
        assertThat(p.getJsonObject("names").toString()).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":"
                + "\"string\",\"minLength\":1,\"pattern\":\"\\\\S\",\"maxLength\":8}}");
        assertThat(p.getJsonObject("scores").toString()).isEqualTo("{\"type\":\"object\",\"additionalProperties\":"
                + "{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1}}");
        assertThat(p.getJsonObject("contact").toString()).isEqualTo("{\"type\":\"string\",\"format\":\"email\"}");
        assertThat(p.getJsonObject("matrix").toString()).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":"
                + "\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int64\",\"exclusiveMinimum\":0}}}");
        assertThat(p.getJsonObject("lines").toString())
                .isEqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Line\"}}");
    }

    @Test
    void onlyConstraintsOfTheDefaultGroup() {
        assertThat(text("/components/schemas/Grouped")).isEqualTo("{\"type\":\"object\",\"properties\":{"
                + "\"both\":{\"type\":\"string\",\"maxLength\":4},\"loose\":{\"type\":\"string\"}}}");
    }
}
