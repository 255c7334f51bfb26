package com.example.chat;

/** What a client sends to post a message: {@code {"event":"send_message","data":{"text":"hi"},"id":1}}. */
public record SendMessage(String text) {}
