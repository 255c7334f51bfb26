package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the credentials a guard checks, as an AsyncAPI 3.0 Security Scheme Object: the AsyncAPI document generated
 * from the gateways lists it under {@code components.securitySchemes} and refers to it from the {@code security} of
 * every operation the guard protects. It changes nothing at runtime; the guard still reads and checks the credentials
 * itself (for a bearer token, with {@link BearerToken}).
 *
 * <p>
 * Put it on the guard class. Without attributes it is an HTTP bearer token in the {@code Authorization} header. Repeat
 * it when the guard accepts the credentials in several places; a client then needs any one of them:
 *
 * <pre>{@code
 * @ApplicationScoped
 * @SecurityScheme(bearerFormat = "JWT")
 * @SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.QUERY, name = "access_token")
 * public class TokenGuard implements CanActivate { ... }
 * }</pre>
 *
 * A guard without it contributes nothing to the document.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(SecurityScheme.List.class)
public @interface SecurityScheme {

    /** The kind of scheme, the Security Scheme Object's {@code type}; {@link Type#HTTP} by default. */
    Type type() default Type.HTTP;

    /**
     * With {@link Type#HTTP}: the HTTP authentication scheme of the {@code Authorization} header (RFC 7235),
     * {@code bearer} by default; ignored otherwise.
     */
    String scheme() default "bearer";

    /** With the {@code bearer} scheme: how the token is formatted, such as {@code JWT}; empty for unsaid. */
    String bearerFormat() default "";

    /**
     * With {@link Type#HTTP_API_KEY}: the name of the header, query parameter or cookie that holds the credentials;
     * required there.
     */
    String name() default "";

    /** With {@link Type#HTTP_API_KEY}: where {@link #name} is, {@link In#HEADER} by default. */
    In in() default In.HEADER;

    /** What the client sends and how to get it, for the document's readers (CommonMark); empty for none. */
    String description() default "";

    /** The kinds of Security Scheme Object that fit a WebSocket handshake. */
    enum Type {

        /** {@code "type": "http"}: the {@code Authorization} header with a {@link #scheme}. */
        HTTP,

        /** {@code "type": "httpApiKey"}: a value in the header, query parameter or cookie {@link #name}. */
        HTTP_API_KEY
    }

    /** Where the handshake carries a {@link Type#HTTP_API_KEY} value. */
    enum In {

        /** A handshake header, such as {@code Sec-WebSocket-Protocol} or {@code X-Api-Key}. */
        HEADER,

        /** A query parameter of the gateway URL. */
        QUERY,

        /** A cookie the browser sends with the handshake. */
        COOKIE
    }

    /** Holds several {@link SecurityScheme}s on one guard; written by the compiler. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {

        /** The schemes, any one of which the guard accepts. */
        SecurityScheme[] value();
    }
}
