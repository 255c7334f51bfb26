package org.cdigateway.tck.security;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * The users of the secured deployment, checked by HTTP Basic through Jakarta Security: alice (chat, admin), bob
 * (chat), carol (no group).
 */
// tag::identity-store[]
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "tck")
public class TckUsers implements IdentityStore {

    private static final Map<String, String> PASSWORDS = Map.of("alice", "wonder", "bob", "builder", "carol",
            "singer");
    private static final Map<String, Set<String>> GROUPS = Map.of("alice", Set.of("chat", "admin"), "bob",
            Set.of("chat"), "carol", Set.of());

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String password = PASSWORDS.get(credential.getCaller());
        if (password == null || !credential.compareTo(credential.getCaller(), password)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(credential.getCaller(), GROUPS.get(credential.getCaller()));
    }
}
// end::identity-store[]
