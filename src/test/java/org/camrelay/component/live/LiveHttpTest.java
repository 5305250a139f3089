package org.camrelay.component.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.camrelay.bench.stream.MjpegParser;
import org.camrelay.bench.stream.MjpegViewer;
import org.camrelay.testing.Http;
import org.camrelay.testing.RelayTestSupport;
import org.junit.jupiter.api.Test;

/** The live HTTP endpoints on a real Jetty, fed through real routes, read over real sockets. */
class LiveHttpTest extends RelayTestSupport {

    private static final long STALL_TIMEOUT_MS = 1000;

    @Override
    protected List<RoutesBuilder> testRoutes() {
        return List.of(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cam1").to("live:cam1?viewerQueueSize=4");
                from("direct:cam2").to("live:cam2/side?maxViewers=2");
                from("direct:cam3").to("live:cam3?maxViewerBitrate=4000000");
            }
        });
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("live", LiveComponent.class).setViewerStallTimeout(STALL_TIMEOUT_MS);
        return context;
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
    void snapshotIs404ForUnknownCamera503BeforeTheFirstFrameThenTheLatestFrame() throws Exception {
        HttpResponse<byte[]> unknown = Http.get(baseUrl() + "/cams/nope/snapshot.jpg");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("unknown camera 'nope'");

        HttpResponse<byte[]> early = Http.get(baseUrl() + "/cams/cam1/snapshot.jpg");
        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(new String(early.body(), StandardCharsets.UTF_8))
                .contains("camera 'cam1' has not delivered a frame yet");

        template.sendBody("direct:cam1", frame(1, 5000));
        template.sendBody("direct:cam1", frame(2, 7000));
        HttpResponse<byte[]> snapshot = Http.get(baseUrl() + "/cams/cam1/snapshot.jpg");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(snapshot.headers().firstValue("content-type")).contains("image/jpeg");
        assertThat(snapshot.body()).isEqualTo(frame(2, 7000));

        // A camera whose only JPEG stream is not called "stream" still has a snapshot.
        template.sendBody("direct:cam2", frame(3, 900));
        assertThat(Http.get(baseUrl() + "/cams/cam2/snapshot.jpg").body()).isEqualTo(frame(3, 900));
        assertThat(Http.get(baseUrl() + "/cams/cam2/side.jpg").body()).isEqualTo(frame(3, 900));

        HttpResponse<byte[]> wrongStream = Http.get(baseUrl() + "/cams/cam1/other.mjpeg");
        assertThat(wrongStream.statusCode()).isEqualTo(404);
        assertThat(new String(wrongStream.body(), StandardCharsets.UTF_8)).contains("cam1/stream.mjpeg");
    }

    @Test
    void viewersGetTheLatestFrameAtOnceThenEveryFrameByteForByte() throws Exception {
        template.sendBody("direct:cam1", frame(0, 3000));
        try (MjpegViewer viewer = MjpegViewer.open("127.0.0.1", httpPort, "/cams/cam1/stream.mjpeg")) {
            assertThat(viewer.status()).isEqualTo(200);
            assertThat(viewer.header("content-type")).startsWith("multipart/x-mixed-replace;boundary=");
            assertThat(viewer.awaitFrames(1, 5000)).hasSize(1);
            List<byte[]> sent = new ArrayList<>();
            sent.add(frame(0, 3000));
            for (int i = 1; i <= 30; i++) {
                byte[] frame = frame(i, 1000 + i * 997);
                sent.add(frame);
                template.sendBody("direct:cam1", frame);
                viewer.awaitFrames(i + 1, 5000);
            }
            List<MjpegParser.Frame> got = viewer.awaitFrames(31, 5000);
            assertThat(got).hasSize(31);
            for (int i = 0; i < 31; i++) {
                assertThat(got.get(i).jpeg()).as("frame %d", i).isEqualTo(sent.get(i));
            }
            assertThat(viewer.failure()).isNull();
        }
    }

    @Test
    void aViewerThatNeverReadsSkipsFramesIsDisconnectedAndNeverDelaysTheOthers() throws Exception {
        template.sendBody("direct:cam1", frame(0, 100_000));
        List<MjpegViewer> fast = new ArrayList<>();
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new java.net.InetSocketAddress("127.0.0.1", httpPort));
            OutputStream out = stuck.getOutputStream();
            out.write("GET /cams/cam1/stream.mjpeg HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 5; i++) {
                fast.add(MjpegViewer.open("127.0.0.1", httpPort, "/cams/cam1/stream.mjpeg"));
            }
            for (MjpegViewer viewer : fast) {
                viewer.awaitFrames(1, 5000);
            }
            LiveStream stream = streams().find("cam1", "stream", LiveFormat.MJPEG);
            // the stuck viewer's request may be served after the fast ones got their first frame
            long joined = System.currentTimeMillis() + 5000;
            while (stream.viewerCount() < 6 && System.currentTimeMillis() < joined) {
                Thread.onSpinWait();
            }
            assertThat(stream.viewerCount()).isEqualTo(6);

            // 100 frames of 100 kB at 50 fps: 10 MB, far beyond what the stuck viewer's socket can hold.
            int frames = 100;
            long[] sentAt = new long[frames + 1];
            for (int i = 1; i <= frames; i++) {
                sentAt[i] = System.nanoTime();
                template.sendBody("direct:cam1", frame(i, 100_000));
                Thread.sleep(20);
            }
            long worstLagNanos = 0;
            for (MjpegViewer viewer : fast) {
                List<MjpegParser.Frame> got = viewer.awaitFrames(frames + 1, 5000);
                assertThat(got).as("a fast viewer gets every frame").hasSize(frames + 1);
                for (int i = 1; i <= frames; i++) {
                    assertThat(ByteBuffer.wrap(got.get(i).jpeg()).getInt(2)).isEqualTo(i);
                    worstLagNanos = Math.max(worstLagNanos, got.get(i).receivedNanos() - sentAt[i]);
                }
            }
            // Not a speed test: a publisher held up by the stuck viewer would hold every frame until the stall
            // timeout cut that viewer off, so half of it separates the two on however loaded a machine.
            assertThat(worstLagNanos / 1_000_000).as("worst lag of fast viewers, ms").isLessThan(STALL_TIMEOUT_MS / 2);
            assertThat(stream.packetsDiscarded()).as("frames skipped for the stuck viewer").isGreaterThan(0);

            // The stuck viewer is cut off after the stall timeout; the others stay.
            long deadline = System.currentTimeMillis() + STALL_TIMEOUT_MS * 5;
            while (stream.viewerCount() > 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(stream.viewerCount()).isEqualTo(5);
            assertThat(stream.viewersStalled()).isEqualTo(1);
        } finally {
            for (MjpegViewer viewer : fast) {
                viewer.close();
            }
        }
    }

    @Test
    void aFullStreamAnswers503AndOnlyGetAndHeadAreAllowed() throws Exception {
        template.sendBody("direct:cam2", frame(1, 500));
        try (MjpegViewer one = MjpegViewer.open("127.0.0.1", httpPort, "/cams/cam2/side.mjpeg");
                MjpegViewer two = MjpegViewer.open("127.0.0.1", httpPort, "/cams/cam2/side.mjpeg")) {
            one.awaitFrames(1, 5000);
            two.awaitFrames(1, 5000);
            HttpResponse<byte[]> third = Http.get(baseUrl() + "/cams/cam2/side.mjpeg");
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(new String(third.body(), StandardCharsets.UTF_8)).contains("is full: 2 viewers");
            assertThat(streams().find("cam2", "side", LiveFormat.MJPEG).viewersRejected()).isEqualTo(1);
        }
        HttpResponse<byte[]> post = Http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/cams/cam2/side.mjpeg"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(post.statusCode()).isEqualTo(405);
        HttpResponse<byte[]> head = Http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/cams/cam2/snapshot.jpg"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("content-length")).hasValue(500);
    }

    @Test
    void aViewerWhoWouldTakeTheStreamOverItsBandwidthLimitGets503() throws Exception {
        try (MjpegViewer one = MjpegViewer.open("127.0.0.1", httpPort, "/cams/cam3/stream.mjpeg");
                MjpegViewer two = MjpegViewer.open("127.0.0.1", httpPort, "/cams/cam3/stream.mjpeg")) {
            assertThat(one.status()).isEqualTo(200);
            assertThat(two.status()).isEqualTo(200);
            // 10 kB parts at 20 a second: 1.6 Mb/s, so a third viewer would need 4.8 of the 4 Mb/s allowed.
            long start = System.nanoTime();
            for (int i = 0; System.nanoTime() - start < 3_200_000_000L; i++) {
                template.sendBody("direct:cam3", frame(i, 10_000 - 68));
                Thread.sleep(Math.max(0, (start + (i + 1) * 50_000_000L - System.nanoTime()) / 1_000_000));
            }
            LiveStream stream = streams().find("cam3", "stream", LiveFormat.MJPEG);
            assertThat(stream.bitrate()).isBetween(1_450_000L, 1_750_000L);
            HttpResponse<byte[]> third = Http.get(baseUrl() + "/cams/cam3/stream.mjpeg");
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(new String(third.body(), StandardCharsets.UTF_8))
                    .contains("would exceed its 4000 kb/s limit");
            assertThat(one.frames()).hasSizeGreaterThan(50);
        }
    }

    @Test
    void theIndexPageListsEveryCameraAndOtherPathsAre404() throws Exception {
        HttpResponse<byte[]> index = Http.get(baseUrl() + "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(new String(index.body(), StandardCharsets.UTF_8))
                .contains("/cams/cam1/stream.mjpeg", "/cams/cam2/side.mjpeg", "/cams/cam1/snapshot.jpg");
        assertThat(Http.get(baseUrl() + "/nothing-here").statusCode()).isEqualTo(404);
    }

}
