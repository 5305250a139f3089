package org.camrelay.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class ViewerJettyComponentTest {

    @Test
    void theListeningSocketQueuesAThousandConnections() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
                "needs iproute2's ss to read the listening socket's backlog");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addComponent("jetty", new ViewerJettyComponent());
            int listen = port;
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("jetty:http://127.0.0.1:" + listen + "/ping").setBody(constant("pong"));
                }
            });
            context.start();

            assertThat(backlog(listen)).isEqualTo(Math.min(1024, somaxconn()));
        }
    }

    @Test
    void leavesBodiesAsSentAndNeverSendsCredentialsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addComponent("jetty", new ViewerJettyComponent());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("jetty:http://127.0.0.1:" + port + "/echo")
                            .setBody(simple("${body} as ${header.Content-Type}"));
                }
            });
            context.start();

            // curl -d sends JSON as a form: camel-http would parse it as one, fail, and answer 500
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/echo"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic YWxpY2U6c2VjcmV0")
                    .header("Cookie", "session=abc")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pan\":10}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"pan\":10} as application/x-www-form-urlencoded");
            assertThat(answer.headers().map().keySet()).as("the request's headers copied back")
                    .noneMatch(name -> name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie"));
        }
    }

    /** The backlog of the socket listening on the port, as the kernel reports it (ss's Send-Q). */
    private static int backlog(int port) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        ss.waitFor();
        return Integer.parseInt(out.split("\\s+")[2]);
    }

    private static int somaxconn() throws IOException {
        // Files.readString trusts the size /proc reports and can return part of the value.
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
    }
}
