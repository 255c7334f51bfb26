package com.example.login;

import jakarta.inject.Inject;
import jakarta.validation.Valid;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** The sign-in step: a name in, a signed token out. Anyone may connect here; the chat needs the token. */
// tag::login[]
@WebSocketGateway("/login")
public class LoginGateway {

    @Inject
    TokenService tokens;

    @SubscribeMessage("login")
    public LoginReply login(@Valid @MessageBody LoginRequest request) { // <1>
        String name = request.name().strip();
        return new LoginReply(name, tokens.issue(name));
    }
}
// end::login[]
