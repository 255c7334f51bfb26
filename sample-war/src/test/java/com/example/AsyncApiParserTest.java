package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import com.example.AsyncApiTools.Run;

/**
 * The sample's AsyncAPI document passes the official parser ({@code @asyncapi/parser}, installed by
 * {@link AsyncApiTools}) without an error diagnostic.
 */
class AsyncApiParserTest {

    @Test
    void theSampleDocumentIsValid() {
        Run node = AsyncApiTools.run(AsyncApiTools.write("asyncapi-checked", AsyncApiDocumentTest.document()), null);
        assertThat(node.output()).as("the parser's diagnostics").doesNotContain("ERROR ").contains("PARSED");
        assertThat(node.code()).as(node.output()).isZero();
    }

    /** The check itself: an operation naming a message of another gateway's channel is refused. */
    @Test
    void aBrokenDocumentFailsTheCheck() {
        JsonObject broken = Json.createPointer("/operations/ChatGateway.send_message/messages").replace(
                AsyncApiDocumentTest.document(), Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("$ref", "#/channels/JobsGateway/messages/start"))
                        .build());
        Run node = AsyncApiTools.run(AsyncApiTools.write("asyncapi-broken", broken), null);
        assertThat(node.code()).as(node.output()).isEqualTo(1);
        assertThat(node.output()).contains("ERROR asyncapi3-operation-messages-from-referred-channel", "NOT PARSED");
    }
}
