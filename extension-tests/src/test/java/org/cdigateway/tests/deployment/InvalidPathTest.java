package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/** GW-0108: a gateway path starts with '/', and each {variable} is a whole segment with a unique name. */
@GatewayTest
class InvalidPathTest {

    static final String PREFIX = "GW-0108 org.cdigateway.tests.deployment.InvalidPathTest.";
    static final String FIX = ". Use a path such as \"/chat\" or \"/chat/{room}\": it starts with '/' and each"
            + " {variable} is a whole segment with a unique name.";

    @WebSocketGateway("chat")
    static class NoSlashGateway {

        @SubscribeMessage("hello")
        public void hello(String name) {}
    }

    @WebSocketGateway("")
    static class EmptyPathGateway {

        @SubscribeMessage("hello")
        public void hello(String name) {}
    }

    @WebSocketGateway("/chat//room")
    static class EmptySegmentGateway {

        @SubscribeMessage("hello")
        public void hello(String name) {}
    }

    @WebSocketGateway("/chat-{room}")
    static class PartialSegmentGateway {

        @SubscribeMessage("hello")
        public void hello(String name) {}
    }

    @WebSocketGateway("/{a{b}}")
    static class MalformedVariableGateway {

        @SubscribeMessage("hello")
        public void hello(String name) {}
    }

    @WebSocketGateway("/{room}/{room}")
    static class RepeatedVariableGateway {

        @SubscribeMessage("hello")
        public void hello(String name) {}
    }

    @Test
    void rejectsEachInvalidPath(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactly("GW-0108", "GW-0108", "GW-0108", "GW-0108", "GW-0108", "GW-0108");
    }

    @Test
    void pathWithoutLeadingSlash(DeploymentFailure failure) {
        assertThat(failure.message()).contains(
                PREFIX + "NoSlashGateway declares the path 'chat', which does not start with '/'" + FIX,
                PREFIX + "EmptyPathGateway declares the path '', which does not start with '/'" + FIX);
    }

    @Test
    void emptySegment(DeploymentFailure failure) {
        assertThat(failure.message()).contains(
                PREFIX + "EmptySegmentGateway declares the path '/chat//room', which has an empty segment ('//')"
                        + FIX);
    }

    @Test
    void variableThatIsNotAWholeSegment(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "PartialSegmentGateway declares the path '/chat-{room}',"
                + " which has the segment 'chat-{room}', but a variable must be a whole segment such as {room}" + FIX);
    }

    @Test
    void malformedVariable(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "MalformedVariableGateway declares the path '/{a{b}}',"
                + " which has a malformed variable '{a{b}}'" + FIX);
    }

    @Test
    void repeatedVariable(DeploymentFailure failure) {
        assertThat(failure.message()).contains(PREFIX + "RepeatedVariableGateway declares the path"
                + " '/{room}/{room}', which declares the variable {room} twice" + FIX);
    }
}
