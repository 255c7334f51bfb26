package org.cdigateway.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import jakarta.json.Json;

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
}
