package org.cdigateway.junit5.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

/**
 * Reads the HTTP status of an opening handshake with a plain socket.
 *
 * <p>
 * Needed because Tyrus on Grizzly refuses a handshake (e.g. {@code checkOrigin} returning {@code false}) with
 * {@code HTTP/1.1 403 Forbidden} without {@code Content-Length} and keeps the connection open: such a response has a
 * body that ends when the connection closes, so {@code java.net.http.WebSocket} keeps waiting for it and never reports
 * the status. Only used when the JDK handshake has not finished after a short while.
 */
final class HandshakeProbe {

    private static final SecureRandom RANDOM = new SecureRandom();

    private HandshakeProbe() {}

    /** The status code of the server's response to an opening handshake like the client's, or -1. */
    static int status(URI uri, ClientOptions options, Duration timeout) {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        if (host == null) {
            return -1;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        String socketHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int millis = (int) Math.max(100, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = secure ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            socket.connect(new InetSocketAddress(socketHost, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(request(uri, host, port, options).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parseStatusLine(readLine(socket.getInputStream()));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String request(URI uri, String host, int port, ClientOptions options) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(uri.getPort() == -1 ? "" : ":" + port).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (!options.subprotocols().isEmpty()) {
            request.append("Sec-WebSocket-Protocol: ").append(String.join(", ", options.subprotocols()))
                    .append("\r\n");
        }
        for (Map.Entry<String, List<String>> header : options.headers().entrySet()) {
            for (String value : header.getValue()) {
                request.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        return request.append("\r\n").toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 1024; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    /** {@code "HTTP/1.1 403 Forbidden"} to 403; -1 when it is not a status line. */
    static int parseStatusLine(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
