package org.cdigateway.tck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayConnectException;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @RolesAllowed} against MicroProfile JWT bearer tokens: the server verifies the token of the handshake's
 * {@code Authorization} header (signed here with a key pair made for the run, its public half in the WAR's
 * MicroProfile Config), its {@code upn} is the principal and its {@code groups} the roles.
 */
@ExtendWith(ArquillianExtension.class)
class JwtSecurityIT {

    static final String ISSUER = "https://tck.cdigateway.org";
    static final KeyPair KEYS = keyPair();

    @Deployment(testable = false)
    static WebArchive deployment() {
        String pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPublic().getEncoded());
        String config = "mp.jwt.verify.issuer=" + ISSUER + "\n"
                + "mp.jwt.verify.publickey=-----BEGIN PUBLIC KEY-----\\n" + pem.replace("\n", "\\n")
                + "\\n-----END PUBLIC KEY-----\n";
        return Deployments.war("bearer-tokens", SecuredGateways.class, SecuredGateways.MembersGateway.class,
                SecuredGateways.ClubGateway.class, JwtLogin.class)
                .setWebXML(JwtSecurityIT.class.getPackage(), "jwt-web.xml")
                .addAsWebInfResource(JwtSecurityIT.class.getPackage(), "payara-web.xml", "payara-web.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL base;

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A signed JWT for {@code user} in {@code groups}, valid for ten minutes. */
    static String token(String user, String... groups) {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder groupList = new StringBuilder();
        for (String g : groups) {
            groupList.append(groupList.isEmpty() ? "" : ",").append('"').append(g).append('"');
        }
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"upn\":\"" + user
                + "\",\"groups\":[" + groupList + "],\"iat\":" + now + ",\"exp\":" + (now + 600)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signed = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(KEYS.getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static ClientOptions bearer(String token) {
        return ClientOptions.defaults().bearer(token);
    }

    @Test
    void theTokensUpnIsThePrincipalAndItsGroupsTheRoles() {
        try (GatewayTestClient bob = WebSockets.connect(base, "members", bearer(token("bob", "chat")));
                GatewayTestClient alice = WebSockets.connect(base, "members",
                        bearer(token("alice", "chat", "admin")))) {
            assertThat(bob.request("whoami", null).data(String.class)).isEqualTo("bob");
            Frame refused = bob.request("purge", null);
            assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
            assertThat(alice.request("purge", null).data(String.class)).isEqualTo("purged");
        }
        try (GatewayTestClient carol = WebSockets.connect(base, "members", bearer(token("carol")))) {
            assertThat(carol.expectClose(4403).reason()).isEqualTo("Forbidden resource");
        }
    }

    @Test
    void withoutAValidTokenTheServerRefusesTheProtectedPathAndTheGatewayTheOpenOne() {
        // not upgraded: WildFly and Open Liberty answer 401; Payara 6's MP-JWT mechanism answers 200 without a body
        assertThatThrownBy(() -> WebSockets.connect(base, "members").close())
                .isInstanceOfSatisfying(GatewayConnectException.class, e -> assertThat(e.statusCode()).isIn(401, 200));
        String forged = token("mallory", "chat", "admin").replaceFirst("\\.[^.]*\\.", "."
                + base64Url(("{\"iss\":\"" + ISSUER + "\",\"upn\":\"mallory\",\"groups\":[\"admin\"]}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".");
        assertThatThrownBy(() -> WebSockets.connect(base, "members", bearer(forged)).close())
                .isInstanceOfSatisfying(GatewayConnectException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
        try (GatewayTestClient anonymous = WebSockets.connect(base, "club")) {
            assertThat(anonymous.expectClose(4401).reason()).isEqualTo("Not authenticated");
        }
        try (GatewayTestClient bob = WebSockets.connect(base, "club", bearer(token("bob", "chat")))) {
            assertThat(bob.request("whoami", null).data(String.class)).isEqualTo("bob");
        }
    }
}
