package org.camrelay.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Jolokia requests over HTTP, as an operator's script or Hawtio sends them. */
public final class Jolokia {

    private final String url;
    private final String authorization;

    /** A client for the agent at {@code url}; {@code user} null for anonymous requests. */
    public Jolokia(String url, String user, String password) {
        this.url = url;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads every attribute of the MBeans matching {@code pattern}. */
    public HttpResponse<byte[]> read(String pattern) throws IOException, InterruptedException {
        String body = "{\"type\":\"read\",\"mbean\":\"" + pattern.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request.build());
    }
}
