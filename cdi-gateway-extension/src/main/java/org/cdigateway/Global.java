package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Applies a guard or an exception filter bean to every gateway of the application, so that no gateway can be left
 * unguarded by accident. Global guards run before a gateway's own guards; global filters are the last resort
 * before the default one. Order several with {@code jakarta.annotation.Priority} (lower first).
 *
 * <pre>{@code
 * @Global
 * @ApplicationScoped
 * public class TokenGuard implements CanActivate { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Global {
}
