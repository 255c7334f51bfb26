package org.cdigateway.internal.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.spi.DefinitionException;

import org.junit.jupiter.api.Test;

class AsyncApiSettingsTest {

    private final List<DefinitionException> problems = new ArrayList<>();

    private AsyncApiSettings read(Map<String, String> values) {
        return AsyncApiSettings.read(key -> Optional.ofNullable(values.get(key)), problems::add);
    }

    @Test
    void offAtAsyncApiJsonByDefault() {
        assertThat(read(Map.of())).isEqualTo(AsyncApiSettings.DEFAULTS);
        assertThat(AsyncApiSettings.DEFAULTS.enabled()).isFalse();
        assertThat(AsyncApiSettings.DEFAULTS.path()).isEqualTo("/asyncapi.json");
        assertThat(problems).isEmpty();
    }

    @Test
    void readsEveryKey() {
        AsyncApiSettings s = read(Map.of("cdigateway.asyncapi.enabled", " TRUE ", "cdigateway.asyncapi.path",
                "/docs/api.json", "cdigateway.asyncapi.title", "Chat", "cdigateway.asyncapi.version", "2.1"));
        assertThat(s).isEqualTo(new AsyncApiSettings(true, "/docs/api.json", "Chat", "2.1"));
        assertThat(problems).isEmpty();
    }

    @Test
    void reportsEveryValueThatIsNotValid() {
        read(Map.of("cdigateway.asyncapi.enabled", "on", "cdigateway.asyncapi.path", "/docs/"));
        assertThat(problems).extracting(DefinitionException::getMessage).containsExactly(
                "GW-0126 The AsyncAPI setting cdigateway.asyncapi.enabled=on is not valid: it is neither true nor"
                        + " false. Change the value (a path such as /asyncapi.json, or true or false), or remove it to"
                        + " use the default.",
                "GW-0126 The AsyncAPI setting cdigateway.asyncapi.path=/docs/ is not valid: it ends with '/', so it"
                        + " names no file. Change the value (a path such as /asyncapi.json, or true or false), or"
                        + " remove it to use the default.");
    }

    @Test
    void pathsThatNameOneResource() {
        assertThat(AsyncApiSettings.pathProblem("/asyncapi.json")).isNull();
        assertThat(AsyncApiSettings.pathProblem("/docs/ws/api")).isNull();
        assertThat(AsyncApiSettings.pathProblem("asyncapi.json")).contains("does not start with '/'");
        assertThat(AsyncApiSettings.pathProblem("/")).contains("names no file");
        assertThat(AsyncApiSettings.pathProblem("/a//b")).contains("empty");
        assertThat(AsyncApiSettings.pathProblem("/a/../b")).contains("'..'");
        assertThat(AsyncApiSettings.pathProblem("/api.json?x=1")).contains("'?'");
        assertThat(AsyncApiSettings.pathProblem("/my api.json")).contains("\\u0020");
        assertThat(AsyncApiSettings.pathProblem("/api/*")).contains("'*'");
    }
}
