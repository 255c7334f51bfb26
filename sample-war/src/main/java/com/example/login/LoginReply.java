package com.example.login;

/** The reply to a login: the token to connect with, and the name it was issued for. */
public record LoginReply(String name, String token) {}
