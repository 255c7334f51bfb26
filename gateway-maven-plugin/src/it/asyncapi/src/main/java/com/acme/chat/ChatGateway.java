package com.acme.chat;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

@WebSocketGateway("/chat/{room}")
public class ChatGateway {

    public record ChatMessage(String author, String text) {}

    @SubscribeMessage("send_message")
    public ChatMessage send(@MessageBody ChatMessage message) {
        return message;
    }
}
