package org.cdigateway.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void readsVariablesAndNormalizes() {
        PathTemplate t = PathTemplate.parse("/chat/{org}/rooms/{room}");
        assertThat(t.variables()).containsExactly("org", "room");
        assertThat(t.normalized()).isEqualTo("/chat/{}/rooms/{}");
        assertThat(PathTemplate.parse("/chat/{id}/rooms/{x}").normalized()).isEqualTo(t.normalized());
        assertThat(PathTemplate.parse("/").variables()).isEmpty();
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> PathTemplate.parse("chat")).hasMessageContaining("start with '/'");
        assertThatThrownBy(() -> PathTemplate.parse("/a//b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x}/{x}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PathTemplate.parse("/a/pre{x}")).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x")).hasMessageContaining("whole segment");
    }
}
