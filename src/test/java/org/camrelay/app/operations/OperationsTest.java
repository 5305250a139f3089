package org.camrelay.app.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.main.Main;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
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
 * The whole relay as shipped, with Hawtio, over two simulated cameras: {@code demo} pulled over HTTP with credentials
 * by the usual route, and {@code lobby} pulled over the native protocol by a route written out in full whose limiter,
 * encoder and outputs have names of their own. The components' own figures in JMX, the consumers' health checks, and
 * the status views, metrics and camera MBeans built from them, checked over real sockets.
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
    private static CameraSimulator lobbyCamera;
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    @BeforeAll
    static void startRelay() throws Exception {
        camera = CameraSimulator.builder().name("ops-cam").bindHost("127.0.0.1").nativePort(CameraSimulator.DISABLED)
                .httpPort(0).fps(6).size(320, 240).credentials(CAMERA_USER, CAMERA_PASSWORD).build();
        camera.start();
        lobbyCamera = CameraSimulator.builder().name("lobby-cam").bindHost("127.0.0.1").nativePort(0)
                .httpPort(CameraSimulator.DISABLED).fps(6).size(320, 240).build();
        lobbyCamera.start();
        // Written out in full, with names that follow no convention: the limiter, the encoder and the outputs are
        // found from the route itself.
        Files.writeString(folder.resolve("lobby.xml"), """
                <camel>
                  <route id="entrance">
                    <from uri="vbc10:lobby?host=127.0.0.1&amp;videoPort=%d&amp;fps=6&amp;control=none\
                &amp;stallTimeout=1000&amp;reconnectDelay=100&amp;reconnectMaxDelay=300"/>
                    <to uri="live:hall"/>
                    <to uri="framerate:slow?fps=2"/>
                    <to uri="transcode:other?size=160x120&amp;fps=2"/>
                    <to uri="live:hall/other?format=flv"/>
                  </route>
                </camel>
                """.formatted(lobbyCamera.nativePort()));
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
        awaitCameras("both cameras streaming", json -> json.indexOf("\"state\":\"STREAMING\"")
                != json.lastIndexOf("\"state\":\"STREAMING\""));
    }

    @AfterAll
    static void stopRelay() throws Exception {
        if (main != null) {
            main.stop();
        }
        if (camera != null) {
            camera.close();
        }
        if (lobbyCamera != null) {
            lobbyCamera.close();
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
                    "\"snapshot\":\"" + base + "/cams/demo/snapshot.jpg\"",
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
    void theConsumersHealthCheckGoesDownWhenTheCameraStopsAndUpWhenItReturns() throws Exception {
        ObjectName health = MBEANS.queryNames(new ObjectName("org.apache.camel:type=health,*"), null).iterator().next();
        assertThat(check(awaitHealth(200), "camel:consumer:camera-demo")).containsEntry("status", "UP");
        assertThat(check(awaitHealth(200), "camel:consumer:entrance")).containsEntry("status", "UP");
        camera.stop();
        try {
            JsonObject down = check(awaitHealth(503), "camel:consumer:camera-demo");
            assertThat(down).containsEntry("status", "DOWN");
            assertThat((String) down.get("message")).contains("camera 'demo'", "connection refused", "stall timeout");
            JsonObject details = (JsonObject) down.get("details");
            assertThat(details).containsEntry("camera", "demo").containsEntry("state", "DOWN")
                    .containsEntry("reason", "connection refused").containsEntry("connected", false)
                    .containsEntry("address", "127.0.0.1:" + camera.httpPort()).containsKey("lastFrameAgeMillis");
            assertThat(details.toJson()).doesNotContain(CAMERA_USER, CAMERA_PASSWORD);
            assertThat(check(text(Http.get(base + "/health")), "camel:consumer:entrance"))
                    .as("the other camera").containsEntry("status", "UP");
            // Camel's own health MBean, which Hawtio reads
            assertThat((Boolean) MBEANS.getAttribute(health, "HealthyReadiness")).isFalse();
            // why, as the log says it, on the status page and in the API
            awaitCameras("the reason the camera is down", json -> json.contains("\"problem\":\"connection refused\""));
            assertThat(text(Http.get(base + "/status"))).contains("DOWN<br><small>connection refused</small>");
        } finally {
            camera.start();
        }
        assertThat(check(awaitHealth(200), "camel:consumer:camera-demo")).containsEntry("status", "UP");
        assertThat((Boolean) MBEANS.getAttribute(health, "HealthyReadiness")).isTrue();
    }

    @Test
    void theComponentsShowTheirOwnFiguresInJmx() throws Exception {
        try (MjpegViewer viewer = MjpegViewer.open("127.0.0.1", port(), "/cams/demo/stream.mjpeg")) {
            viewer.awaitFrames(2, 5000);
            ObjectName source = mbean("endpoints", "vbc10://demo");
            eventually("the camera endpoint's figures", () -> (Long) MBEANS.getAttribute(source, "FramesReceived") > 0
                    && (Double) MBEANS.getAttribute(source, "FramesPerSecond") > 1
                    && "STREAMING".equals(MBEANS.getAttribute(source, "CameraState")));
            assertThat(MBEANS.getAttribute(source, "Camera")).isEqualTo("demo");
            assertThat(MBEANS.getAttribute(source, "Connected")).isEqualTo(true);
            assertThat(MBEANS.getAttribute(source, "Address")).isEqualTo("127.0.0.1:" + camera.httpPort());
            assertThat((Long) MBEANS.getAttribute(source, "LastFrameAgeMillis")).isNotNegative();
            assertThat((Long) MBEANS.getAttribute(source, "BytesReceived")).isPositive();
            assertThat(MBEANS.getAttribute(source, "FramesCorrupt")).isEqualTo(0L);
            assertThat(MBEANS.getAttribute(source, "Reconnects")).isInstanceOf(Long.class);
            assertThat(MBEANS.getAttribute(source, "StreamRenewals")).isInstanceOf(Long.class);
            assertThat(MBEANS.getAttribute(source, "Problem")).isNull();
            assertThat(MBEANS.getAttribute(source, "ControlMode")).isEqualTo("webview");
            assertThat(MBEANS.getAttribute(source, "ControlQueueLength")).isEqualTo(0);
            assertThat(MBEANS.getAttribute(source, "ControlGrant")).isEqualTo("NONE");
            assertThat(MBEANS.getAttribute(source, "ControlCommandsSent")).isEqualTo(0L);
            assertThat(source.toString()).doesNotContain(CAMERA_USER, CAMERA_PASSWORD);

            ObjectName consumer = mbean("consumers", "vbc10://demo");
            assertThat(MBEANS.getAttribute(consumer, "Camera")).isEqualTo("demo");
            assertThat((Integer) MBEANS.getAttribute(consumer, "FramesInFlight")).isBetween(0, 8);

            ObjectName limiter = mbean("endpoints", "framerate://demo");
            eventually("the limiter's figures", () -> (Long) MBEANS.getAttribute(limiter, "Dropped") > 0
                    && (Long) MBEANS.getAttribute(limiter, "Passed") > 0);

            ObjectName encoder = mbean("producers", "transcode://demo/stream");
            eventually("the encoder's figures", () -> (Long) MBEANS.getAttribute(encoder, "FramesEncoded") > 0);
            assertThat((Double) MBEANS.getAttribute(encoder, "MeanEncodeMicros")).isPositive();
            assertThat(MBEANS.getAttribute(encoder, "FramesFailed")).isEqualTo(0L);
            assertThat(MBEANS.getAttribute(encoder, "RouteId")).isEqualTo("camera-demo");

            ObjectName output = mbean("endpoints", "live://demo");
            eventually("the output's figures", () -> (Integer) MBEANS.getAttribute(output, "Viewers") == 1
                    && (Double) MBEANS.getAttribute(output, "FramesPerSecond") > 1
                    && (Long) MBEANS.getAttribute(output, "Bitrate") > 0);
            assertThat((Long) MBEANS.getAttribute(output, "BytesOut")).isPositive();
            assertThat((Long) MBEANS.getAttribute(output, "ViewersServed")).isPositive();
            assertThat(MBEANS.getAttribute(output, "Path")).isEqualTo("demo/stream.mjpeg");

            // as Hawtio reads them: through Jolokia, with the console's credentials
            String jolokia = text(new Jolokia(base + "/hawtio/jolokia/", USER, PASSWORD).read(source.toString()));
            assertThat(jolokia).contains("\"status\":200", "\"CameraState\":\"STREAMING\"", "\"FramesPerSecond\"",
                    "\"ControlGrant\"").doesNotContain(CAMERA_USER, CAMERA_PASSWORD);
        }
    }

    @Test
    void aCameraRouteWrittenOutInFullIsMonitoredFromItsOwnParts() throws Exception {
        try (MjpegViewer viewer = MjpegViewer.open("127.0.0.1", port(), "/cams/hall/stream.mjpeg")) {
            viewer.awaitFrames(2, 5000);
            JsonObject lobby = cameraJson(awaitCameras("the lobby's limiter, encoder and viewer", json -> {
                JsonObject camera = cameraJson(json, "lobby");
                return map(camera, "framesDropped").getLong("limiter") > 0
                        && camera.getDouble("encodeMicrosPerFrame") > 0 && camera.getInteger("viewers") == 1;
            }), "lobby");
            assertThat(lobby.getString("route")).isEqualTo("entrance");
            assertThat(lobby.getString("address")).isEqualTo("127.0.0.1:" + lobbyCamera.nativePort());
            assertThat(lobby.getString("transport")).isEqualTo("native");
            JsonArray outputs = (JsonArray) lobby.get("outputs");
            assertThat(outputs.stream().map(o -> ((JsonObject) o).getString("path")))
                    .containsExactly("hall/stream.mjpeg", "hall/other.flv");
            assertThat(map(lobby, "control")).containsEntry("mode", "none");
            assertThat(lobby.getString("snapshot")).isEqualTo(base + "/cams/hall/snapshot.jpg");
            long limited = map(lobby, "framesDropped").getLong("limiter");
            // the figures are the parts' own
            ObjectName limiter = mbean("endpoints", "framerate://slow");
            assertThat((Long) MBEANS.getAttribute(limiter, "Dropped")).isGreaterThanOrEqualTo(limited);

            String metrics = text(Http.get(base + "/metrics"));
            assertThat(value(metrics, "camrelay_camera_frames_dropped_frames_total{camera=\"lobby\",cause=\"limiter\"}"))
                    .isPositive();
            assertThat(value(metrics, "camrelay_camera_encode_time_seconds{camera=\"lobby\"}")).isPositive();
            assertThat(value(metrics, "camrelay_output_viewers{camera=\"lobby\",output=\"hall/stream.mjpeg\"}"))
                    .isEqualTo(1);
            assertThat(metrics).contains("camrelay_output_frames_per_second{camera=\"lobby\",output=\"hall/other.flv\"}");

            assertThat(text(Http.get(base + "/status"))).contains("<td>lobby</td>", "/cams/hall/other.flv",
                    "/cams/hall/stream.mjpeg");

            CameraMXBean bean = JMX.newMXBeanProxy(MBEANS, MBEANS.queryNames(
                    new ObjectName("org.camrelay:type=cameras,name=\"lobby\",*"), null).iterator().next(),
                    CameraMXBean.class);
            eventually("the lobby's camera MBean", () -> bean.getFramesDroppedByLimiter() > 0
                    && bean.getEncodeMicrosPerFrame() > 0);
            assertThat(bean.getRouteId()).isEqualTo("entrance");
            assertThat(bean.getViewersPerOutput()).containsEntry("hall/stream.mjpeg", 1).containsKey("hall/other.flv");
        }
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

    /**
     * The one MBean of Camel's {@code type} (endpoints, consumers, producers) of the endpoint {@code uri}, with any
     * options (as Camel writes the URI: normalized and sanitized).
     */
    private static ObjectName mbean(String type, String uri) throws Exception {
        Set<ObjectName> names = MBEANS.queryNames(new ObjectName("org.apache.camel:type=" + type + ",*"), null);
        List<ObjectName> matching = new ArrayList<>();
        for (ObjectName name : names) {
            String endpointUri = (String) MBEANS.getAttribute(name, "EndpointUri");
            if (endpointUri.equals(uri) || endpointUri.startsWith(uri + "?")) {
                matching.add(name);
            }
        }
        assertThat(matching).as(type + " holding " + uri + " among " + names).hasSize(1);
        return matching.get(0);
    }

    private static void eventually(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** A check of /health's answer, by name. */
    private static JsonObject check(String health, String name) {
        JsonArray checks = (JsonArray) Jsoner.deserialize(health, new JsonObject()).get("checks");
        return checks.stream().map(JsonObject.class::cast).filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    /** A camera of /api/cameras' answer, by name. */
    private static JsonObject cameraJson(String json, String name) {
        JsonArray cameras = (JsonArray) Jsoner.deserialize(json, new JsonObject()).get("cameras");
        return cameras.stream().map(JsonObject.class::cast).filter(c -> name.equals(c.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no camera " + name + " in " + json));
    }

    private static JsonObject map(JsonObject json, String key) {
        return (JsonObject) json.get(key);
    }

    /** The value of one series in Prometheus text. */
    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as(series + " in /metrics").isTrue();
        return Double.parseDouble(matcher.group(1));
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
