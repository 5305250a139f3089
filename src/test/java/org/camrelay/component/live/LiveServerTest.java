package org.camrelay.component.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camrelay.bench.stream.MjpegViewer;
import org.camrelay.bench.stream.MjpegParser;
import org.camrelay.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live component serving its streams by itself ({@code port} set): a bare Camel context, no camel-jetty route and
 * nothing of the application, viewers over real sockets.
 */
class LiveServerTest {

    private final CamelContext context = new DefaultCamelContext();
    private ProducerTemplate template;

    @AfterEach
    void stop() {
        context.stop();
    }

    /** A live component on {@code port}, fed from direct:cam1 (live:cam1) and direct:side (live:cam1/side). */
    private LiveComponent start(int port) throws Exception {
        LiveComponent live = context.getComponent("live", LiveComponent.class);
        live.setPort(port);
        live.setHost("127.0.0.1");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cam1").to("live:cam1?maxViewers=2");
                from("direct:side").to("live:cam1/side");
            }
        });
        context.start();
        template = context.createProducerTemplate();
        return live;
    }

    /** A JPEG-shaped frame whose bytes identify it. */
    private static byte[] frame(int sequence, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) sequence);
        ByteBuffer.wrap(bytes).putShort((short) 0xFFD8).putInt(sequence);
        bytes[size - 2] = (byte) 0xFF;
        bytes[size - 1] = (byte) 0xD9;
        return bytes;
    }

    @Test
    void servesStreamsAndSnapshotsOnItsOwnPortAsTheRelayDoes() throws Exception {
        LiveComponent live = start(Http.freePort());
        String base = "http://127.0.0.1:" + live.getLocalPort();

        assertThat(Http.get(base + "/cams/cam1/snapshot.jpg").statusCode()).as("before the first frame").isEqualTo(503);
        template.sendBody("direct:cam1", frame(1, 4000));
        try (MjpegViewer viewer = MjpegViewer.open("127.0.0.1", live.getLocalPort(), "/cams/cam1/stream.mjpeg")) {
            assertThat(viewer.status()).isEqualTo(200);
            assertThat(viewer.header("content-type")).startsWith("multipart/x-mixed-replace;boundary=");
            assertThat(viewer.awaitFrames(1, 5000)).hasSize(1);
            for (int i = 2; i <= 10; i++) {
                template.sendBody("direct:cam1", frame(i, 1000 + i * 777));
                viewer.awaitFrames(i, 5000);
            }
            List<MjpegParser.Frame> got = viewer.awaitFrames(10, 5000);
            assertThat(got).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(got.get(i).jpeg()).as("frame %d", i + 1).isEqualTo(i == 0 ? frame(1, 4000)
                        : frame(i + 1, 1000 + (i + 1) * 777));
            }
        }
        HttpResponse<byte[]> snapshot = Http.get(base + "/cams/cam1/snapshot.jpg");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(snapshot.headers().firstValue("content-type")).contains("image/jpeg");
        assertThat(snapshot.body()).isEqualTo(frame(10, 1000 + 10 * 777));
        template.sendBody("direct:side", frame(42, 900));
        assertThat(Http.get(base + "/cams/cam1/side.jpg").body()).isEqualTo(frame(42, 900));

        HttpResponse<byte[]> unknown = Http.get(base + "/cams/nope/stream.mjpeg");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("unknown camera 'nope'");
        HttpResponse<byte[]> elsewhere = Http.get(base + "/index.html");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(new String(elsewhere.body(), StandardCharsets.UTF_8)).contains("/cams/{camera}/{stream}.mjpeg");
        HttpResponse<byte[]> post = Http.send(HttpRequest.newBuilder(URI.create(base + "/cams/cam1/stream.mjpeg"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void keepsTheStreamsLimitsAndListensWithTheRelaysBacklog() throws Exception {
        LiveComponent live = start(Http.freePort());
        template.sendBody("direct:cam1", frame(1, 1000));

        assertThat(live.server().acceptQueueSize()).isEqualTo(1024);
        try (MjpegViewer first = MjpegViewer.open("127.0.0.1", live.getLocalPort(), "/cams/cam1/stream.mjpeg");
             MjpegViewer second = MjpegViewer.open("127.0.0.1", live.getLocalPort(), "/cams/cam1/stream.mjpeg")) {
            assertThat(first.awaitFrames(1, 5000)).hasSize(1);
            assertThat(second.awaitFrames(1, 5000)).hasSize(1);
            HttpResponse<byte[]> third = Http.get("http://127.0.0.1:" + live.getLocalPort() + "/cams/cam1/stream.mjpeg");
            assertThat(third.statusCode()).as("maxViewers=2").isEqualTo(503);
        }
    }

    @Test
    void closesItsViewersAndItsPortWhenTheComponentStops() throws Exception {
        LiveComponent live = start(Http.freePort());
        int port = live.getLocalPort();
        template.sendBody("direct:cam1", frame(1, 1000));
        try (MjpegViewer viewer = MjpegViewer.open("127.0.0.1", port, "/cams/cam1/stream.mjpeg")) {
            assertThat(viewer.awaitFrames(1, 5000)).hasSize(1);

            context.stop();

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!viewer.ended() && System.nanoTime() < deadline) {
                viewer.awaitFrames(2, 100); // returns when the stream ends, or after 100 ms
            }
            assertThat(viewer.ended()).as("the viewer's connection is closed").isTrue();
        }
        assertThat(live.getLocalPort()).isEqualTo(-1);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void servesNothingByDefault() throws Exception {
        LiveComponent live = context.getComponent("live", LiveComponent.class);
        context.start();

        assertThat(live.getPort()).isZero();
        assertThat(live.getLocalPort()).isEqualTo(-1);
        assertThat(live.server()).isNull();
    }

    @Test
    void refusesToStartOnAPortItCannotHave() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start(taken.getLocalPort()))
                    .hasStackTraceContaining("live: cannot serve streams on 127.0.0.1:" + taken.getLocalPort());
        }
        LiveComponent other = new DefaultCamelContext().getComponent("live", LiveComponent.class);
        other.setPort(70000);
        assertThatThrownBy(other::start).hasMessageContaining("port must be 0 (serve nothing) or a TCP port up to"
                + " 65535, was 70000");
    }
}
