package org.camrelay.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
