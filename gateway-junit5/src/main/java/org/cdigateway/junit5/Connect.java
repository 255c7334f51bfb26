package org.cdigateway.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a {@link org.cdigateway.junit5.client.GatewayTestClient} connected to this path of the runtime started by
 * {@link GatewayTest}; it is closed after the test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Connect {

    /** The path to connect to, such as {@code /chat/lobby}, with an optional query. */
    String value();
}
