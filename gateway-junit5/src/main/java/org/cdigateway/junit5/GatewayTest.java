package org.cdigateway.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boots the embedded runtime once for the test class, on 127.0.0.1 and a free port, deploying the test class's
 * static nested classes plus {@link #classes()} and {@link #packages()}.
 *
 * <p>
 * Test methods take a {@link Clients} to connect, a {@code @Connect("/path") GatewayTestClient}, the
 * {@link org.cdigateway.se.GatewayRuntime}, or, for a deployment meant to fail, a {@link DeploymentFailure}.
 *
 * <pre>{@code
 * @GatewayTest
 * class EchoGatewayTest {
 *
 *     @WebSocketGateway("/echo")
 *     static class EchoGateway {
 *         @SubscribeMessage("echo")
 *         public String echo(String text) { return text; }
 *     }
 *
 *     @Test
 *     void echoes(@Connect("/echo") GatewayTestClient client) {
 *         assertThat(client.request("echo", "hi").data(String.class)).isEqualTo("hi");
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(GatewayTestExtension.class)
public @interface GatewayTest {

    /** More classes to deploy, besides the test class's static nested classes. */
    Class<?>[] classes() default {};

    /** Deploys every class in the packages of these classes and their subpackages. */
    Class<?>[] packages() default {};

    /**
     * Who the clients are: a {@link org.cdigateway.se.HandshakeAuthenticator} with a public no-argument constructor,
     * created once for the test class. Its answers are the clients' principals and roles, what {@code @RolesAllowed}
     * is checked against. By default every client is anonymous.
     */
    Class<? extends org.cdigateway.se.HandshakeAuthenticator> authenticator() default org.cdigateway.se.HandshakeAuthenticator.class;
}
