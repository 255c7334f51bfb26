package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

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

    /** The command in the docs installs the versions this build checks (those of package.json). */
    @Test
    void theDocsInstallTheCheckedVersions() throws IOException {
        JsonObject dependencies = Json.createReader(new StringReader(
                Files.readString(Path.of("src/test/asyncapi-html/package.json")))).readObject()
                .getJsonObject("dependencies");
        String install = dependencies.keySet().stream().sorted().map(name -> name + "@" + dependencies.getString(name))
                .collect(Collectors.joining(" ", "npm install --ignore-scripts ", ""));
        assertThat(Files.readString(Path.of("../docs/howto/asyncapi.adoc"))).contains("\n" + install + "\n");
    }
}
