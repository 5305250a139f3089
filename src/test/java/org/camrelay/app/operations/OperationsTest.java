package org.camrelay.app.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.camel.main.Main;
import org.camrelay.app.CamRelay;
import org.camrelay.app.operations.security.UsersFile;
import org.camrelay.bench.stream.MjpegViewer;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.testing.HeadlessChromium;
import org.camrelay.testing.Http;
import org.camrelay.testing.Jolokia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole relay as shipped, with Hawtio, over one simulated camera pulled over HTTP with credentials:
 * the status views, health, metrics and Jolokia, checked over real sockets.
 */
class OperationsTest {

    static final String USER = "operator";
    static final String PASSWORD = "correct horse battery";
    private static final String CAMERA_USER = "demo-user";
    private static final String CAMERA_PASSWORD = "camera-secret-4711";

    @TempDir
    static Path folder;
    static Main main;
    static String base;
    private static CameraSimulator camera;

    @BeforeAll
    static void startRelay() throws Exception {
        camera = CameraSimulator.builder().name("ops-cam").bindHost("127.0.0.1").nativePort(CameraSimulator.DISABLED)
                .httpPort(0).fps(6).size(320, 240).credentials(CAMERA_USER, CAMERA_PASSWORD).build();
        camera.start();
        Files.writeString(folder.resolve("camera.xml"), """
                <camel>
                  <route id="camera-demo">
                    <from uri="vbc10:demo?host=127.0.0.1&amp;transport=http&amp;httpPort=%d&amp;fps=6&amp;username=%s\
                &amp;password=%s&amp;stallTimeout=1000&amp;reconnectDelay=100&amp;reconnectMaxDelay=300"/>
                    <to uri="live:demo"/>
                    <to uri="framerate:demo?fps=3"/>
                    <to uri="transcode:demo/stream?size=160x120&amp;fps=3"/>
                    <to uri="live:demo/stream?format=flv"/>
                  </route>
                </camel>
                """.formatted(camera.httpPort(), CAMERA_USER, CAMERA_PASSWORD));
        Path users = folder.resolve("users.properties");
        new UsersFile(users).put(USER, PASSWORD.toCharArray(), List.of("admin"));

        int port = Http.freePort();
        base = "http://127.0.0.1:" + port;
        main = CamRelay.create(Path.of(CamRelay.DEFAULT_CONFIG), Map.of(
                "camrelay.http.host", "127.0.0.1",
                "camrelay.http.port", Integer.toString(port),
                "camrelay.simulator.enabled", "false",
                "camrelay.users.file", users.toString(),
                "camrelay.routes.folder", folder.toString()));
        long started = System.nanoTime();
        main.start();
        System.out.printf("relay with Hawtio started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        awaitCameras("the camera streaming", json -> json.contains("\"state\":\"STREAMING\""));
    }

    @AfterAll
    static void stopRelay() throws Exception {
        if (main != null) {
            main.stop();
        }
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void theApiListsTheCameraWithItsRatesAndOutputsButNoCredentials() throws Exception {
        try (MjpegViewer viewer = MjpegViewer.open("127.0.0.1", port(), "/cams/demo/stream.mjpeg")) {
            viewer.awaitFrames(2, 5000);
            String json = awaitCameras("a viewer and rates", j -> j.contains("\"viewers\":1")
                    && j.matches("(?s).*\"fpsIn\":[1-9].*"));
            assertThat(json).contains("\"name\":\"demo\"", "\"address\":\"127.0.0.1:" + camera.httpPort() + "\"",
                    "\"url\":\"" + base + "/cams/demo/stream.mjpeg\"", "\"url\":\"" + base + "/cams/demo/stream.flv\"",
                    "\"limiter\":", "\"reconnects\":", "\"streamRenewals\":");
            assertThat(json).doesNotContain(CAMERA_USER, CAMERA_PASSWORD, "\"problem\"");
        }
    }

    @Test
    void theStatusPageIsLinkedFromTheIndexAndShowsTheCamera() throws Exception {
        assertThat(text(Http.get(base + "/"))).contains("href=\"/status\"");
        String page = text(Http.get(base + "/status"));
        assertThat(page).contains("<td>demo</td>", "/cams/demo/stream.flv").doesNotContain(CAMERA_PASSWORD);
    }

    @Test
    void prometheusGetsPerCameraSeriesAndRouteCounters() throws Exception {
        HttpResponse<byte[]> metrics = Http.get(base + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(text(metrics)).contains(
                "camrelay_camera_frames_in_per_second{camera=\"demo\"}",
                "camrelay_camera_frames_dropped_frames_total{camera=\"demo\",cause=\"limiter\"}",
                "camrelay_output_viewers{camera=\"demo\",output=\"demo/stream.flv\"}",
                "camrelay_camera_stream_renewals_total{camera=\"demo\"}",
                "camel_exchanges_total{").doesNotContain(CAMERA_PASSWORD);
    }

    @Test
    void jolokiaWithCredentialsShowsTheCameraMBeanAndRouteCounters() throws Exception {
        Jolokia jolokia = new Jolokia(base + "/hawtio/jolokia/", USER, PASSWORD);
        HttpResponse<byte[]> cameraBean = jolokia.read("org.camrelay:type=cameras,name=\"demo\",*");
        assertThat(cameraBean.statusCode()).isEqualTo(200);
        assertThat(text(cameraBean)).contains("\"status\":200", "\"State\":\"STREAMING\"", "\"FramesInPerSecond\"",
                "\"FramesDroppedByLimiter\"", "\"ViewersPerOutput\"", "\"EncodeMicrosPerFrame\"")
                .doesNotContain(CAMERA_PASSWORD);

        HttpResponse<byte[]> route = jolokia.read("org.apache.camel:type=routes,name=\"camera-demo\",*");
        assertThat(text(route)).contains("\"status\":200", "\"ExchangesCompleted\"").doesNotContain(CAMERA_PASSWORD);
    }

    @Test
    void jolokiaRefusesAnonymousAndWrongPasswords() throws Exception {
        String pattern = "org.camrelay:type=cameras,*";
        assertThat(new Jolokia(base + "/hawtio/jolokia/", null, null).read(pattern).statusCode()).isIn(401, 403);
        assertThat(new Jolokia(base + "/hawtio/jolokia/", USER, "wrong").read(pattern).statusCode()).isIn(401, 403);
    }

    @Test
    void healthGoesDownWhenTheCameraStopsAndUpWhenItReturns() throws Exception {
        assertThat(awaitHealth(200)).contains("\"name\":\"camera:demo\",\"status\":\"UP\"");
        camera.stop();
        try {
            assertThat(awaitHealth(503)).contains("\"status\":\"DOWN\"", "\"name\":\"camera:demo\"",
                    "stall timeout");
            // why, as the log says it, on the status page and in the API
            awaitCameras("the reason the camera is down", json -> json.contains("\"problem\":\"connection refused\""));
            assertThat(text(Http.get(base + "/status"))).contains("DOWN<br><small>connection refused</small>");
        } finally {
            camera.start();
        }
        assertThat(awaitHealth(200)).contains("\"status\":\"UP\"");
    }

    @Test
    void anOperatorLogsIntoHawtioAndFindsTheCameraRoute() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            WebDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(base + "/hawtio/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id"))).sendKeys(USER);
            browser.findElement(By.id("pf-login-password-id")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("Camel")));

            browser.get(base + "/hawtio/camel/routes");
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[normalize-space(text())='camera-demo']")));
            chromium.screenshot(Path.of("target", "hawtio-camel-routes.png"));
        }
    }

    static int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    private static String awaitHealth(int status) throws Exception {
        return await("/health answering " + status, "/health", response -> response.statusCode() == status);
    }

    /** The answer of /api/cameras, with the JSON escape of '/' ("\\/") undone for readable assertions. */
    private static String awaitCameras(String what, Predicate<String> condition) throws Exception {
        return await(what, "/api/cameras", response -> condition.test(text(response))).replace("\\/", "/");
    }

    private static String await(String what, String path, Predicate<HttpResponse<byte[]>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        HttpResponse<byte[]> response = Http.get(base + path);
        while (!condition.test(response)) {
            assertThat(System.nanoTime()).as(what + "; last answer: " + text(response)).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
            response = Http.get(base + path);
        }
        return text(response);
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
