package org.cdigateway.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void quotesWhatJsonRequires() {
        assertThat(JsonText.quote("plain")).isEqualTo("\"plain\"");
        assertThat(JsonText.quote("a\"b\\c\n\t\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001\"");
    }

    @Test
    void quotedTextParsesBackToTheSameString() {
        String nasty = "quote\" back\\ nl\n cr\r tab\t bell\u0007 line\u2028 emoji\uD83D\uDE00 é";
        String parsed = Json.createReader(new StringReader("[" + JsonText.quote(nasty) + "]")).readArray()
                .getString(0);
        assertThat(parsed).isEqualTo(nasty);
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertThat(JsonText.quote("a\udc00b")).isEqualTo("\"a\\udc00b\"");
        assertThat(JsonText.quote("x\ud83dy")).isEqualTo("\"x\\ud83dy\"");
        assertThat(JsonText.quote("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
    }

    @Test
    void jsonValuesAreWrittenAsTheirOwnWriterWritesThem() {
        String[] texts = {"{}", "[]", "{\"a\":1,\"b\":[true,false,null,-0.5,1E+400,12345678901234567890],\"c\":{}}",
                "[{\"k\\\"\":\"v\\n\"},[[]],\"\u00e9\\u0001\"]", "{\"z\":1,\"a\":2,\"m\":3}", "\"text\"", "3.25",
                "true", "null", "[1e2,0.000001,-7]"};
        for (String text : texts) {
            JsonValue value = Json.createReader(new StringReader(text)).readValue();
            assertThat(JsonText.json(value)).as(text).isEqualTo(value.toString());
        }
    }

    @Test
    void jsonValuesWithLoneSurrogatesAreEscapedAndParseBack() {
        JsonValue value = Json.createObjectBuilder().add("lone\udc00", Json.createArrayBuilder().add("x\ud83dy")
                .add("\ud83d\ude00 \u2028")).build();
        String text = JsonText.json(value);
        assertThat(text).isEqualTo("{\"lone\\udc00\":[\"x\\ud83dy\",\"\ud83d\ude00 \\u2028\"]}");
        assertThat(Json.createReader(new StringReader(text)).readValue()).isEqualTo(value);
    }
}
