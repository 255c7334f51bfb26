package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the exception filters of a gateway or of one handler method. When something fails, the filter for the most
 * specific exception type handles it; between filters for the same type, the method's wins over the class's, and
 * the class's over a {@link Global} one. When none matches, the default filter sends the error frames of the wire
 * protocol.
 *
 * <pre>{@code
 * @WebSocketGateway("/orders")
 * @UseFilters(OptimisticLockFilter.class)
 * public class OrderGateway { ... }
 * }</pre>
 */
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface UseFilters {

    /** The filter beans. */
    Class<? extends WsExceptionFilter<?>>[] value();
}
