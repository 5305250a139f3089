package org.camrelay.component.vbc10.webview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a socket that answers with the bytes Canon's specification shows: HTTP/1.0, Livescope-Status,
 * LF-only text bodies, errors as 200 OK, bodies delimited by the connection closing.
 */
class WebViewClientTest {

    private static EventLoopGroup group;
    private ServerSocket server;
    /** What the camera side read, one request head per connection. */
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startGroup() {
        group = new NioEventLoopGroup(1);
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    /** Answers the next connection with these bytes, then closes it unless told to keep it open. */
    private void answerOnce(byte[] answer, boolean close) {
        Thread camera = new Thread(() -> {
            try (Socket socket = server.accept()) {
                requests.add(readHead(socket.getInputStream()));
                OutputStream out = socket.getOutputStream();
                out.write(answer);
                out.flush();
                if (!close) {
                    socket.getInputStream().read(); // until the client closes
                }
            } catch (IOException e) {
                // the test fails on the client side
            }
        }, "fake-camera");
        camera.setDaemon(true);
        camera.start();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private WebViewClient client(String user, String password, int maxBody) {
        return new WebViewClient(group, "lobby", "127.0.0.1", server.getLocalPort(), user, password, 2000, maxBody);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsAnHttp10TextAnswerDelimitedByClose() throws Exception {
        answerOnce(bytes("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nLivescope-Status: 0\r\n\r\n"
                + "camera_type=Canon VB-C10\npan_current_value=-1250\nzoom_wide_limit=4750\n"), true);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("connection_id", "910A-8E63626C");
        parameters.put("item", "all");

        WebViewResponse answer = client(null, null, 4096).send("GetCameraInfo", parameters, 5000).get(10, TimeUnit.SECONDS);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.fields()).containsEntry("camera_type", "Canon VB-C10")
                .containsEntry("pan_current_value", "-1250").containsEntry("zoom_wide_limit", "4750");
        String head = requests.take();
        assertThat(head).startsWith("GET /-wvhttp-01-/GetCameraInfo?connection_id=910A-8E63626C&item=all HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .doesNotContainIgnoringCase("authorization");
    }

    @Test
    void reportsALivescopeErrorAnsweredAs200() throws Exception {
        answerOnce(bytes("HTTP/1.0 200 OK\r\nLivescope-Status: 301 No Camera Control Right\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 72\r\n\r\n"
                + "--- WebView Livescope Http Server Error ---\nNo Camera Control Right\nd500\n"), false);

        WebViewResponse answer = client(null, null, 4096).send("OperateCamera", Map.of("pan", "d500"), 5000)
                .get(10, TimeUnit.SECONDS);

        assertThat(answer.ok()).isFalse();
        assertThat(answer.httpStatus()).isEqualTo(200);
        assertThat(answer.livescopeCode()).isEqualTo(WebViewResponse.NO_CAMERA_CONTROL_RIGHT);
        assertThat(answer.problem()).isEqualTo("301 No Camera Control Right: d500");
    }

    @Test
    void readsABinaryAnswerWithItsHeadersAndSendsBasicCredentials() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.write(bytes("HTTP/1.0 200 OK\r\nContent-Type: image/jpeg\r\nLivescope-Frame-Number: 7\r\n\r\n"));
        answer.write(jpeg);
        answerOnce(answer.toByteArray(), true);

        WebViewResponse image = client("operator", "pa:ss", 4096)
                .send("GetLiveImage", Map.of("connection_id", "1-2"), 5000).get(10, TimeUnit.SECONDS);

        assertThat(image.body()).containsExactly(jpeg);
        assertThat(image.headers().get("Livescope-Frame-Number")).isEqualTo("7");
        assertThat(requests.take()).contains("\r\nAuthorization: Basic b3BlcmF0b3I6cGE6c3M=\r\n");
    }

    @Test
    void readsTheEventOfAGetNotice() throws Exception {
        answerOnce(bytes("HTTP/1.0 200 OK\r\nLivescope-Status: 0\r\nLivescope-Notice: 33\r\n\r\n"
                + "waiting_camera_control\nwait_time=12000\n"), true);

        WebViewResponse notice = client(null, null, 4096).send("GetNotice", Map.of("connection_id", "1-2"), 5000)
                .get(10, TimeUnit.SECONDS);

        assertThat(notice.notice()).isEqualTo(33);
        assertThat(notice.lines()).first().isEqualTo("waiting_camera_control");
        assertThat(notice.fields()).containsEntry("wait_time", "12000");
    }

    @Test
    void failsWithTheCameraAndCommandWhenNothingAnswers() throws Exception {
        CompletableFuture<WebViewResponse> silent = client(null, null, 4096).send("GetNotice", Map.of(), 300);
        // accepted by the listen backlog, never answered
        assertThatThrownBy(() -> silent.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebViewClient.WebViewException.class)
                .hasMessage("camera 'lobby' (127.0.0.1:" + server.getLocalPort() + "): GetNotice: no answer within 300 ms");

        int port = server.getLocalPort();
        server.close();
        CompletableFuture<WebViewResponse> refused = new WebViewClient(group, "lobby", "127.0.0.1", port, null, null,
                2000, 4096).send("OpenCameraServer", Map.of(), 5000);
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).cause()
                .hasMessage("camera 'lobby' (127.0.0.1:" + port + "): OpenCameraServer: connection refused");
    }

    @Test
    void failsOnAnAnswerLargerThanAllowedAndOnOneCutShort() throws Exception {
        answerOnce(bytes("HTTP/1.0 200 OK\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000)), true);
        CompletableFuture<WebViewResponse> large = client(null, null, 1000).send("GetLiveImage", Map.of(), 5000);
        assertThatThrownBy(() -> large.get(10, TimeUnit.SECONDS)).cause()
                .hasMessageEndingWith("GetLiveImage: answer larger than 1000 bytes");

        answerOnce(bytes("HTTP/1.0 200 OK\r\nContent-Length: 50\r\n\r\nonly part"), true);
        CompletableFuture<WebViewResponse> cut = client(null, null, 1000).send("GetCameraInfo", Map.of(), 5000);
        assertThatThrownBy(() -> cut.get(10, TimeUnit.SECONDS)).cause()
                .hasMessageEndingWith("GetCameraInfo: connection closed before the whole answer");
    }
}
