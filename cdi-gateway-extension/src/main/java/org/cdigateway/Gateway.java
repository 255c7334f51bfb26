package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

/**
 * Names the gateway whose {@link GatewayServer} to inject into a bean that is not that gateway.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class PriceTicker {
 *     @Inject @Gateway(DashboardGateway.class) GatewayServer dashboard;
 *     void tick(Price p) { dashboard.to(p.symbol()).emit("price", p); }
 * }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Gateway {

    /** The gateway class, annotated with {@link WebSocketGateway}. */
    @Nonbinding
    Class<?> value();
}
