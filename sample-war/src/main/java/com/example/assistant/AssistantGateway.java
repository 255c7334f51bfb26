package com.example.assistant;

import java.util.concurrent.Flow;

import jakarta.inject.Inject;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;

/** AI token streaming: a prompt in, the answer streamed back token by token, cancellable by the client. */
// tag::gateway[]
@WebSocketGateway("/assistant")
public class AssistantGateway {

    @Inject
    FakeLlm llm;

    @SubscribeMessage("prompt")
    public Flow.Publisher<String> prompt(@MessageBody String prompt) { // <1>
        if (prompt == null || prompt.isBlank()) {
            throw new WsException("Ask something first");
        }
        return llm.complete(prompt); // <2>
    }
}
// end::gateway[]
