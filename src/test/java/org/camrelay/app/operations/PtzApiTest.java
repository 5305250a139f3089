package org.camrelay.app.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.main.Main;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.camrelay.app.CamRelay;
import org.camrelay.app.operations.security.UsersFile;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.component.vbc10.Vbc10Component;
import org.camrelay.component.vbc10.control.CameraControlClientFactory;
import org.camrelay.component.vbc10.control.PtzException;
import org.camrelay.component.vbc10.control.RecordingControlClient;
import org.camrelay.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pan/tilt/zoom API over real HTTP against the relay as shipped (routes folder, operations, users file), with the
 * simulator's video. The camera-facing clients are recording ones bound through the vbc10 component's
 * {@code controlClientFactory}: camera {@code lobby} grants control, camera {@code gate} refuses it, so that the API's
 * own rules are tested apart from any camera. {@link PtzApiEndToEndTest} steers the simulator through the built-in
 * WebView and native clients.
 */
class PtzApiTest {

    private static final String PASSWORD = "a password for the tests";
    private static final Set<String> USERS = Set.of("alice", "bob", "carol", "root", "viewer", "dave");

    @TempDir
    static Path folder;
    private static Path usersFile;
    private static Main main;
    private static String base;
    private static CameraSimulator simulator;
    private static final Map<String, RecordingControlClient> CLIENTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startRelay() throws Exception {
        simulator = CameraSimulator.builder().name("ptz-api").bindHost("127.0.0.1").nativePort(0)
                .httpPort(CameraSimulator.DISABLED).fps(5).size(160, 120).build();
        simulator.start();
        Path routes = Files.createDirectories(folder.resolve("routes"));
        String camera = """
                  <route id="camera-%1$s">
                    <from uri="vbc10:%1$s?host=127.0.0.1&amp;videoPort=%2$d&amp;fps=5%3$s"/>
                    <to uri="live:%1$s"/>
                  </route>
                """;
        int port = simulator.nativePort();
        Files.writeString(routes.resolve("cameras.xml"), "<camel>\n" + camera.formatted("lobby", port,
                "&amp;control=webview") + camera.formatted("gate", port, "&amp;control=native")
                + camera.formatted("plain", port, "&amp;control=none") + "</camel>\n");
        usersFile = folder.resolve("users.properties");
        UsersFile users = new UsersFile(usersFile);
        for (String user : List.of("alice", "bob", "carol")) {
            users.put(user, PASSWORD.toCharArray(), List.of("control"));
        }
        users.put("root", PASSWORD.toCharArray(), List.of("admin"));
        users.put("viewer", PASSWORD.toCharArray(), List.of("viewer"));

        int httpPort = Http.freePort();
        base = "http://127.0.0.1:" + httpPort;
        main = CamRelay.create(Path.of(CamRelay.DEFAULT_CONFIG), Map.of(
                "camrelay.http.host", "127.0.0.1",
                "camrelay.http.port", Integer.toString(httpPort),
                "camrelay.simulator.enabled", "false",
                "camrelay.hawtio.enabled", "false",
                "camrelay.users.file", usersFile.toString(),
                "camrelay.routes.folder", routes.toString(),
                "camel.component.vbc10.control-client-factory", "#ptzTestClients"));
        CameraControlClientFactory clients = (configuration, eventLoops) -> {
            RecordingControlClient client = new RecordingControlClient();
            if (configuration.getName().equals("gate")) {
                client.grantMode(RecordingControlClient.Grant.REFUSE);
            }
            CLIENTS.put(configuration.getName(), client);
            return client;
        };
        main.bind("ptzTestClients", clients);
        main.start();
        await("the cameras' control", () -> Http.get(base + "/api/cameras/gate/ptz"), r -> r.statusCode() == 200);
    }

    @AfterAll
    static void stopRelay() {
        if (main != null) {
            main.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @AfterEach
    void everybodyLetsGo() {
        component().controls().forEach(control -> USERS.forEach(control.arbiter()::releaseControl));
        CLIENTS.values().forEach(RecordingControlClient::clear);
    }

    private static Vbc10Component component() {
        return main.getCamelContext().getComponent("vbc10", Vbc10Component.class);
    }

    @Test
    void anonymousCallersSeeWhereTheCameraPointsAndWhetherSomeoneControlsItButNoNames() throws Exception {
        assertThat(post("alice", "/lobby/ptz/control", "").statusCode()).isEqualTo(200);
        assertThat(post("bob", "/lobby/ptz", "{\"pan\": 1}").statusCode()).isEqualTo(409);

        HttpResponse<byte[]> anonymous = Http.get(base + "/api/cameras/lobby/ptz");

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject json = json(anonymous);
        assertThat(json.keySet()).containsExactlyInAnyOrder("camera", "mode", "available", "position", "limits",
                "controlled", "leaseRemainingMillis", "queueLength", "grant");
        assertThat(json).containsEntry("camera", "lobby").containsEntry("mode", "webview")
                .containsEntry("available", true).containsEntry("controlled", true);
        assertThat(number(json, "queueLength")).isEqualTo(1);
        assertThat(number(object(json, "position"), "zoom")).isBetween(3.0, 47.5);
        assertThat(number(object(object(json, "limits"), "pan"), "min")).isEqualTo(-170);
        assertThat(number(object(object(json, "limits"), "tilt"), "max")).isEqualTo(10);
        assertThat(object(json, "grant")).containsEntry("state", "GRANTED");
        assertThat(text(anonymous)).doesNotContain("alice", "bob");
    }

    @Test
    void authenticatedCallersAlsoSeeWhoControlsWhoWaitsAndTheirOwnPlace() throws Exception {
        post("alice", "/lobby/ptz", "{\"pan\": 10, \"tilt\": -5}");
        post("bob", "/lobby/ptz", "{\"pan\": 1}");

        HttpResponse<byte[]> bobsAnswer = get("bob", "/lobby/ptz");
        assertThat(bobsAnswer.headers().map().keySet()).as("the credentials are not sent back")
                .noneMatch(header -> header.equalsIgnoreCase("Authorization"));
        JsonObject bob = json(bobsAnswer);
        JsonObject alice = json(get("alice", "/lobby/ptz"));

        assertThat(bob).containsEntry("controller", "alice").containsEntry("queue", List.of("bob"));
        assertThat(object(bob, "you")).containsEntry("user", "bob").containsEntry("controlling", false)
                .containsEntry("queued", true);
        assertThat(number(object(bob, "you"), "place")).isEqualTo(1);
        assertThat(number(object(bob, "you"), "waitMillis")).isBetween(1.0, 30_000.0);
        assertThat(object(alice, "you")).containsEntry("controlling", true).containsEntry("queued", false)
                .doesNotContainKey("place");
        assertThat(number(object(alice, "position"), "pan")).isEqualTo(10);
    }

    @Test
    void theFirstUserGetsControlAtOnceAndTheOthersGet409WithTheirPlaceAndWait() throws Exception {
        HttpResponse<byte[]> alice = post("alice", "/lobby/ptz", "{\"pan\": 20, \"zoom\": 30}");
        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(object(json(alice), "you")).containsEntry("controlling", true);
        assertThat(number(object(json(alice), "position"), "pan")).isEqualTo(20);

        HttpResponse<byte[]> bob = post("bob", "/lobby/ptz", "{\"move\": \"left\"}");
        HttpResponse<byte[]> carol = post("carol", "/lobby/ptz", "{\"zoom\": \"tele\"}");

        assertThat(bob.statusCode()).isEqualTo(409);
        assertThat(json(bob)).containsEntry("controller", "alice");
        assertThat(number(json(bob), "place")).isEqualTo(1);
        assertThat(number(json(bob), "waitMillis")).isBetween(1.0, 30_000.0);
        assertThat((String) json(bob).get("error")).contains("'alice' controls camera 'lobby'", "number 1");
        assertThat(carol.statusCode()).isEqualTo(409);
        assertThat(number(json(carol), "place")).isEqualTo(2);
        assertThat(number(json(carol), "waitMillis")).isGreaterThan(30_000);
        assertThat(CLIENTS.get("lobby").submitted()).as("queued users' commands never reach the camera")
                .hasSize(1);

        assertThat(delete("alice", "/lobby/ptz/control").statusCode()).isEqualTo(200);
        assertThat(post("bob", "/lobby/ptz", "{\"move\": \"up_left\"}").statusCode()).isEqualTo(200);
        assertThat(delete("carol", "/lobby/ptz/control").statusCode()).as("leaving the queue").isEqualTo(200);
        assertThat(json(get("bob", "/lobby/ptz")).get("queue")).isEqualTo(List.of());
    }

    @Test
    void askingForControlIsGrantedOrQueuedAndAnAdminMayTakeOver() throws Exception {
        assertThat(post("alice", "/lobby/ptz/control", "").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> bob = post("bob", "/lobby/ptz/control", "{\"takeOver\": true}");
        assertThat(bob.statusCode()).as("a control user cannot take over from another: queued").isEqualTo(409);
        assertThat(number(json(bob), "place")).isEqualTo(1);
        assertThat((String) json(bob).get("error")).contains("'alice' controls camera 'lobby'", "number 1");

        HttpResponse<byte[]> root = post("root", "/lobby/ptz/control", "{\"takeOver\": true}");

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(json(root)).containsEntry("controller", "root").containsEntry("queue", List.of("alice", "bob"));
        assertThat(post("root", "/lobby/ptz", "{\"backLight\": true}").statusCode()).isEqualTo(200);
        assertThat(object(json(get("root", "/lobby/ptz")), "position")).containsEntry("backLight", true);
    }

    @Test
    void changesNeedCredentialsOfAUserWithTheControlRole() throws Exception {
        HttpResponse<byte[]> anonymous = Http.send(request("/lobby/ptz", null, null)
                .POST(HttpRequest.BodyPublishers.ofString("{\"pan\": 1}")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"camrelay\""));

        HttpResponse<byte[]> wrong = Http.send(request("/lobby/ptz/control", "alice", "not the password")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(Http.send(request("/lobby/ptz", "alice", "not the password").GET().build()).statusCode())
                .as("reading with wrong credentials").isEqualTo(401);

        HttpResponse<byte[]> viewer = post("viewer", "/lobby/ptz", "{\"pan\": 1}");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(text(viewer)).contains("needs the role control");
        assertThat(delete("viewer", "/lobby/ptz/control").statusCode()).isEqualTo(403);
        assertThat(CLIENTS.get("lobby").submitted()).isEmpty();
        assertThat(component().control("lobby").orElseThrow().status().controlled()).isFalse();
    }

    @Test
    void valuesOutOfRangeGet400WithTheLimitsAndMalformedRequestsAClearMessage() throws Exception {
        HttpResponse<byte[]> tooFar = post("alice", "/lobby/ptz", "{\"pan\": 200}");
        assertThat(tooFar.statusCode()).isEqualTo(400);
        assertThat((String) json(tooFar).get("error")).contains("pan 200.00 is above", "170.00");
        assertThat(number(object(object(json(tooFar), "limits"), "pan"), "max")).isEqualTo(170);

        assertThat(error(post("alice", "/lobby/ptz", "{\"pan\": 1,"))).contains("malformed JSON");
        assertThat(error(post("alice", "/lobby/ptz", "[1, 2]"))).contains("must be a JSON object");
        assertThat(error(post("alice", "/lobby/ptz", "{\"pan\": 1, \"speed\": 3}"))).contains("unknown field 'speed'");
        assertThat(error(post("alice", "/lobby/ptz", "{\"move\": \"sideways\"}")))
                .contains("move must be one of left|right|up|down|up_left");
        assertThat(error(post("alice", "/lobby/ptz", "{\"move\": \"left\", \"pan\": 3}"))).contains("cannot be combined");
        assertThat(error(post("alice", "/lobby/ptz", "{\"pan\": \"ten\"}"))).contains("pan must be a number");
        assertThat(error(post("alice", "/lobby/ptz", "{}"))).contains("an empty command");
        assertThat(error(post("alice", "/lobby/ptz/control", "{\"please\": true}"))).contains("unknown field");
        assertThat(post("alice", "/lobby/ptz", "x".repeat(5000)).statusCode()).isEqualTo(413);
        assertThat(CLIENTS.get("lobby").submitted()).isEmpty();

        assertThat(post("alice", "/lobby/ptz", "{\"pan\": -3, \"relative\": true}").statusCode()).isEqualTo(200);
        assertThat(post("alice", "/lobby/ptz", "{\"zoom\": \"stop\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aCameraThatRefusesControlOrCannotBeReachedGets503WithItsReason() throws Exception {
        HttpResponse<byte[]> refused = post("alice", "/gate/ptz", "{\"pan\": 1}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(error(refused)).contains("failed_to_get_camera_control");
        assertThat(object(json(refused), "grant")).containsEntry("state", "REFUSED");

        CLIENTS.get("gate").refusal(new PtzException(PtzException.Reason.UNAVAILABLE,
                "camera 'gate' (127.0.0.1:65311): connection refused"));
        HttpResponse<byte[]> unreachable = post("alice", "/gate/ptz/control", "");
        assertThat(unreachable.statusCode()).isEqualTo(503);
        assertThat(error(unreachable)).contains("connection refused");
    }

    @Test
    void unknownCamerasAndCamerasWithoutControlGet404() throws Exception {
        assertThat(Http.get(base + "/api/cameras/nowhere/ptz").statusCode()).isEqualTo(404);
        assertThat(post("alice", "/nowhere/ptz", "{\"pan\": 1}").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> plain = Http.get(base + "/api/cameras/plain/ptz");
        assertThat(plain.statusCode()).isEqualTo(404);
        assertThat(error(plain)).contains("no camera 'plain' with pan/tilt/zoom control");
        assertThat(Http.get(base + "/api/cameras/lobby/zoom").statusCode()).isEqualTo(404);
        assertThat(Http.get(base + "/api/cameras").statusCode()).as("the camera list is still there").isEqualTo(200);
        HttpResponse<byte[]> postToList = Http.send(request("", null, null)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(postToList.statusCode()).isEqualTo(405);
        assertThat(Http.send(request("/lobby/ptz", null, null).DELETE().build()).statusCode()).isEqualTo(405);
    }

    @Test
    void aRememberedLoginSkipsThePasswordCheckAndAChangedUsersFileTakesEffect() throws Exception {
        UsersFile users = new UsersFile(usersFile);
        users.put("dave", PASSWORD.toCharArray(), List.of("control"));
        double checks = metric("camrelay_api_password_checks_total");
        double hits = metric("camrelay_api_password_cache_hits_total");

        assertThat(get("dave", "/lobby/ptz").statusCode()).isEqualTo(200);
        assertThat(get("dave", "/lobby/ptz").statusCode()).isEqualTo(200);
        assertThat(post("dave", "/lobby/ptz", "{\"tilt\": -10}").statusCode()).isEqualTo(200);

        assertThat(metric("camrelay_api_password_checks_total") - checks).as("one PBKDF2 check for three requests")
                .isEqualTo(1);
        assertThat(metric("camrelay_api_password_cache_hits_total") - hits).isEqualTo(2);

        users.put("dave", "dave's new password".toCharArray(), List.of("viewer"));
        assertThat(get("dave", "/lobby/ptz").statusCode()).as("the old password").isEqualTo(401);
        HttpResponse<byte[]> newPassword = Http.send(request("/lobby/ptz", "dave", "dave's new password")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tilt\": 0}")).build());
        assertThat(newPassword.statusCode()).as("the new password, without the control role").isEqualTo(403);
    }

    @Test
    void monitoringShowsEachCamerasControl() throws Exception {
        post("alice", "/lobby/ptz", "{\"pan\": 5}");
        post("bob", "/lobby/ptz/control", "");

        String cameras = await("the control in /api/cameras", () -> Http.get(base + "/api/cameras"),
                r -> text(r).contains("\"queueLength\":1"));
        assertThat(cameras).contains("\"mode\":\"webview\"", "\"controlled\":true", "\"grant\":\"GRANTED\"",
                "\"mode\":\"native\"", "\"mode\":\"none\"").doesNotContain("alice");
        assertThat(text(get("carol", ""))).as("a user who logged in sees who controls")
                .contains("\"controller\":\"alice\"");

        String metrics = text(Http.get(base + "/metrics"));
        assertThat(metrics).contains("camrelay_camera_control_controlled{camera=\"lobby\"} 1.0",
                "camrelay_camera_control_queue{camera=\"lobby\"} 1.0",
                "camrelay_camera_control_granted{camera=\"lobby\"} 1.0",
                "camrelay_camera_control_commands_sent_total{camera=\"lobby\"}",
                "camrelay_camera_control_commands_coalesced_total{camera=\"lobby\"}",
                "camrelay_camera_control_refusals_total{camera=\"gate\"}",
                "camrelay_camera_control_takeovers_total{camera=\"lobby\"} 0.0")
                .doesNotContain("camera_control_queue{camera=\"plain\"}", "alice");

        String status = text(Http.get(base + "/status"));
        assertThat(status).contains("pan/tilt/zoom", "<td>lobby</td><td>webview</td><td>yes</td><td>a user</td>"
                + "<td>1</td><td>GRANTED</td>").doesNotContain("alice");

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName lobby = jmx.queryNames(new ObjectName("org.camrelay:type=cameras,name=\"lobby\",*"), null)
                .iterator().next();
        assertThat(jmx.getAttribute(lobby, "ControlHolder")).isEqualTo("alice");
        assertThat(jmx.getAttribute(lobby, "ControlQueueLength")).isEqualTo(1);
        assertThat(jmx.getAttribute(lobby, "ControlMode")).isEqualTo("webview");
        assertThat(jmx.getAttribute(lobby, "ControlGrant")).isEqualTo("GRANTED");
        assertThat((Long) jmx.getAttribute(lobby, "ControlCommandsSent")).isPositive();
    }

    // ---- helpers ----

    private static HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/cameras" + path))
                .timeout(Duration.ofSeconds(10));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static HttpResponse<byte[]> get(String user, String path) throws Exception {
        return Http.send(request(path, user, PASSWORD).GET().build());
    }

    private static HttpResponse<byte[]> post(String user, String path, String body) throws Exception {
        return Http.send(request(path, user, PASSWORD).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<byte[]> delete(String user, String path) throws Exception {
        return Http.send(request(path, user, PASSWORD).DELETE().build());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8).replace("\\/", "/");
    }

    private static JsonObject json(HttpResponse<byte[]> response) throws Exception {
        return (JsonObject) Jsoner.deserialize(text(response));
    }

    private static JsonObject object(JsonObject json, String key) {
        return (JsonObject) json.get(key);
    }

    private static double number(JsonObject json, String key) {
        return ((Number) json.get(key)).doubleValue();
    }

    private static String error(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).as(text(response)).isIn(400, 404, 503);
        return (String) json(response).get("error");
    }

    /** A counter's value from /metrics, summed over its series. */
    private static double metric(String name) throws Exception {
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$")
                .matcher(text(Http.get(base + "/metrics")));
        double sum = 0;
        while (series.find()) {
            sum += Double.parseDouble(series.group(2));
        }
        return sum;
    }

    private interface Call {
        HttpResponse<byte[]> call() throws Exception;
    }

    private static String await(String what, Call call, Predicate<HttpResponse<byte[]>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<byte[]> response = call.call();
        while (!condition.test(response)) {
            assertThat(System.nanoTime()).as(what + "; last answer: " + text(response)).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100); // polling: the monitor samples once a second
            response = call.call();
        }
        return text(response);
    }
}
