package org.cdigateway.internal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.cdigateway.GatewayClient;
import org.junit.jupiter.api.Test;

/** Every deployment error names its place through {@link Describe}; these are the forms the messages promise. */
class DescribeTest {

    private static final String HERE = "org.cdigateway.internal.deployment.DescribeTest.";

    record JoinRequest(String room) {}

    static class ChatGateway {

        public void join(JoinRequest request, GatewayClient client) {}

        public void ping() {}

        public void upload(byte[] chunk, ByteBuffer buffer, List<String> tags, int count) {}

        static class Rooms {

            public void enter(Map.Entry<String, Integer> entry) {}
        }
    }

    @Test
    void methodIsClassHashNameAndSimpleParameterTypes() throws Exception {
        assertThat(Describe.method(method(ChatGateway.class, "join")))
                .isEqualTo(HERE + "ChatGateway#join(JoinRequest, GatewayClient)");
    }

    @Test
    void methodWithoutParameters() throws Exception {
        assertThat(Describe.method(method(ChatGateway.class, "ping"))).isEqualTo(HERE + "ChatGateway#ping()");
    }

    @Test
    void methodWithArraysPrimitivesAndErasedGenerics() throws Exception {
        assertThat(Describe.method(method(ChatGateway.class, "upload")))
                .isEqualTo(HERE + "ChatGateway#upload(byte[], ByteBuffer, List, int)");
    }

    @Test
    void methodOfATopLevelClass() throws Exception {
        assertThat(Describe.method(String.class.getMethod("valueOf", char[].class)))
                .isEqualTo("java.lang.String#valueOf(char[])");
    }

    @Test
    void nestedClassesArePrintedWithDots() throws Exception {
        assertThat(Describe.method(method(ChatGateway.Rooms.class, "enter")))
                .isEqualTo(HERE + "ChatGateway.Rooms#enter(Entry)")
                .doesNotContain("$");
        assertThat(Describe.type(ChatGateway.Rooms.class)).isEqualTo(HERE + "ChatGateway.Rooms");
    }

    @Test
    void parameterIsOneBasedWithItsType() throws Exception {
        assertThat(Describe.parameter(method(ChatGateway.class, "join"), 1))
                .isEqualTo("parameter 2 (GatewayClient) of " + HERE + "ChatGateway#join(JoinRequest, GatewayClient)");
    }

    @Test
    void typeNameIsShort() throws Exception {
        Method upload = method(ChatGateway.class, "upload");
        Type tags = upload.getGenericParameterTypes()[2];
        assertThat(Describe.typeName(tags)).isEqualTo("List<String>");
        assertThat(Describe.typeName(String.class)).isEqualTo("String");
        assertThat(Describe.typeName(byte[].class)).isEqualTo("byte[]");
    }

    private static Method method(Class<?> type, String name) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no method " + name + " in " + type);
    }
}
