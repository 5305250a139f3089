package org.camrelay.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.apache.camel.main.Main;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.camrelay.app.CamRelay;
import org.camrelay.app.operations.security.PasswordHash;
import org.camrelay.app.operations.security.UsersFile;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.simulator.HeadPosition;
import org.camrelay.testing.Http;
import org.camrelay.testing.TappingProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pan, tilt and zoom end to end: the REST API of a relay started as the real one (routes folder, users file), the
 * built-in control clients, and the simulator's head, over real sockets. Camera {@code web} is steered over WebView
 * ({@code transport=http}), camera {@code nat} over the native control port ({@code transport=native}), both with
 * {@code control=auto}; each has a simulator of its own, since a camera has one head and one control slot.
 * <p>
 * What reached each camera is counted on the wire by a {@link TappingProxy} in front of the port the relay steers it
 * through: WebView {@code OperateCamera} requests (one connection each), native absolute-move datagrams ({@code 0x33},
 * status {@code 0x00E0}).
 * <p>
 * One relay and two simulators for the whole class; a short lease (3 s) so that the hand-over at its end is quick to
 * see, and no control time limit on the simulators, so that the camera takes control away only when a test says so.
 */
class PtzApiEndToEndTest {

    private static final String PASSWORD = "a password for the tests";
    private static final List<String> CONTROLLERS = List.of("alice", "bob", "root");
    private static final long LEASE_MILLIS = 3000;
    private static final long IDLE_MILLIS = 6000;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String OPERATE_CAMERA = "GET /-wvhttp-01-/OperateCamera?";
    private static final int BURST = 200;
    /** How many of the burst's commands may reach the camera at most: a quarter (about 15 do on a 2-core machine). */
    private static final int BURST_REACHING_AT_MOST = 50;

    @TempDir
    static Path folder;
    private static Main main;
    private static String base;
    private static CameraSimulator webCamera;
    private static CameraSimulator nativeCamera;
    private static TappingProxy webTap;
    private static TappingProxy nativeTap;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startRelay() throws Exception {
        webCamera = CameraSimulator.builder().name("e2e-web").bindHost("127.0.0.1").nativePort(CameraSimulator.DISABLED)
                .httpPort(0).fps(10).size(320, 240).controlTimeLimit(Duration.ZERO).build();
        webCamera.start();
        nativeCamera = CameraSimulator.builder().name("e2e-native").bindHost("127.0.0.1").nativePort(0)
                .httpPort(CameraSimulator.DISABLED).fps(10).size(320, 240).controlTimeLimit(Duration.ZERO).build();
        nativeCamera.start();
        webTap = TappingProxy.to("127.0.0.1", webCamera.httpPort());
        nativeTap = TappingProxy.to("127.0.0.1", nativeCamera.controlPort());

        Path routes = Files.createDirectories(folder.resolve("routes"));
        String camera = """
                  <route id="camera-%1$s">
                    <from uri="vbc10:%1$s?host=127.0.0.1&amp;%2$s&amp;fps=5&amp;imageSize=320x240&amp;control=auto\
                &amp;controlLease=%3$d&amp;controlIdleTimeout=%4$d"/>
                    <to uri="live:%1$s"/>
                  </route>
                """;
        Files.writeString(routes.resolve("cameras.xml"), "<camel>\n"
                + camera.formatted("web", "transport=http&amp;httpPort=" + webTap.port(), LEASE_MILLIS, IDLE_MILLIS)
                + camera.formatted("nat", "transport=native&amp;videoPort=" + nativeCamera.nativePort()
                        + "&amp;controlPort=" + nativeTap.port(), LEASE_MILLIS, IDLE_MILLIS)
                + "</camel>\n");
        Path usersFile = folder.resolve("users.properties");
        UsersFile users = new UsersFile(usersFile);
        users.put("alice", PASSWORD.toCharArray(), List.of("control"));
        users.put("bob", PASSWORD.toCharArray(), List.of("control"));
        users.put("root", PASSWORD.toCharArray(), List.of("admin"));
        // a user without any role (UsersFile.put insists on one, the file's format does not)
        Files.writeString(usersFile, "eve = " + PasswordHash.hash(PASSWORD.toCharArray()) + "\n",
                StandardOpenOption.APPEND);

        int httpPort = Http.freePort();
        base = "http://127.0.0.1:" + httpPort;
        main = CamRelay.create(Path.of(CamRelay.DEFAULT_CONFIG), Map.of(
                "camrelay.http.host", "127.0.0.1",
                "camrelay.http.port", Integer.toString(httpPort),
                "camrelay.simulator.enabled", "false",
                "camrelay.hawtio.enabled", "false",
                "camrelay.users.file", usersFile.toString(),
                // longer than the class: a burst of 200 requests must not meet alice's login expiring, when each
                // would need a password check of its own and all but 17 would be answered 503 at once
                "camrelay.api.login-cache", "600000",
                "camrelay.routes.folder", routes.toString()));
        main.start();
        for (String name : List.of("web", "nat")) {
            awaitJson(name + "'s control with its limits", () -> get(null, name, ""),
                    json -> json.get("limits") != null);
            await(name + "'s first frame",
                    () -> Http.get(base + "/cams/" + name + "/snapshot.jpg").statusCode() == 200);
        }
    }

    @AfterAll
    static void stopRelay() {
        if (main != null) {
            main.stop();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {webTap, nativeTap, webCamera, nativeCamera}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // closing the others anyway
            }
        }
    }

    @AfterEach
    void everybodyLetsGo() throws Exception {
        for (CameraSimulator simulator : List.of(webCamera, nativeCamera)) {
            simulator.head().releaseControl();
            simulator.head().setControlEnabled(true);
        }
        for (String name : List.of("web", "nat")) {
            for (String user : CONTROLLERS) {
                assertThat(delete(user, name, "/control").statusCode()).isEqualTo(200);
            }
            awaitJson(name + " controlled by nobody", () -> get(null, name, ""),
                    json -> Boolean.FALSE.equals(json.get("controlled")));
        }
    }

    /**
     * A move through the API moves the head and the picture: zoomed in on the landmark at pan 0 (a building in its
     * own colour, filling the view), then panned to the one at 90 degrees. The picture is compared by what the view
     * determines, the colour of the landmark that fills it, not by the clock, the frame number or the ball.
     */
    @ParameterizedTest
    @ValueSource(strings = {"web", "nat"})
    void aMoveMovesTheHeadIsReportedAndChangesThePicture(String camera) throws Exception {
        CameraSimulator simulator = simulator(camera);
        assertThat(post("alice", camera, "", "{\"pan\": 0, \"tilt\": -10, \"zoom\": 6}").statusCode()).isEqualTo(200);
        awaitRest(simulator, new HeadPosition(0, -1000, 600, false));
        float before = awaitSnapshotHue(camera, landmarkHue(0));

        HttpResponse<byte[]> moved = post("alice", camera, "", "{\"pan\": 90}");

        assertThat(moved.statusCode()).as(text(moved)).isEqualTo(200);
        awaitRest(simulator, new HeadPosition(9000, -1000, 600, false));
        JsonObject reported = awaitJson("the new position in GET .../ptz", () -> get("alice", camera, ""),
                json -> json.get("position") != null && near(number(object(json, "position"), "pan"), 90));
        assertThat(number(object(reported, "position"), "tilt")).isCloseTo(-10, offset(0.01));
        assertThat(number(object(reported, "position"), "zoom")).isCloseTo(6, offset(0.01));
        float after = awaitSnapshotHue(camera, landmarkHue(90));
        assertThat(hueDistance(before, after)).as("the picture shows another landmark").isGreaterThan(0.15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "nat"})
    void aSecondUserGets409WithTheirPlaceAndControlWhenTheFirstReleasesIt(String camera) throws Exception {
        CameraSimulator simulator = simulator(camera);
        HttpResponse<byte[]> alice = post("alice", camera, "/control", "");
        assertThat(alice.statusCode()).as(text(alice)).isEqualTo(200);
        assertThat(object(json(alice), "you")).containsEntry("controlling", true);
        assertThat(post("alice", camera, "", "{\"pan\": 20, \"tilt\": 0, \"zoom\": 40}").statusCode()).isEqualTo(200);
        awaitRest(simulator, new HeadPosition(2000, 0, 4000, false));
        long moves = moves(camera);

        HttpResponse<byte[]> bobsCommand = post("bob", camera, "", "{\"pan\": -30}");
        HttpResponse<byte[]> bobsRequest = post("bob", camera, "/control", "");

        for (HttpResponse<byte[]> bob : List.of(bobsCommand, bobsRequest)) {
            assertThat(bob.statusCode()).as(text(bob)).isEqualTo(409);
            assertThat(json(bob)).containsEntry("controller", "alice");
            assertThat(number(json(bob), "place")).isEqualTo(1);
            assertThat(number(json(bob), "waitMillis")).isBetween(1.0, (double) LEASE_MILLIS);
            assertThat((String) json(bob).get("error"))
                    .contains("'alice' controls camera '" + camera + "'", "number 1");
        }
        assertThat(moves(camera)).as("bob's command reached the camera").isEqualTo(moves);
        assertThat(simulator.head().position()).isEqualTo(new HeadPosition(2000, 0, 4000, false));

        assertThat(delete("alice", camera, "/control").statusCode()).isEqualTo(200);

        JsonObject bob = json(get("bob", camera, ""));
        assertThat(bob).containsEntry("controller", "bob");
        assertThat(object(bob, "you")).containsEntry("controlling", true);
        HttpResponse<byte[]> bobSteers = post("bob", camera, "", "{\"pan\": -30}");
        assertThat(bobSteers.statusCode()).as(text(bobSteers)).isEqualTo(200);
        awaitRest(simulator, new HeadPosition(-3000, 0, 4000, false));
        assertThat(post("alice", camera, "", "{\"pan\": 0}").statusCode()).as("alice now waits").isEqualTo(409);
    }

    /**
     * Alice keeps steering while bob waits: her commands no longer renew the lease, and when it is up control passes
     * to bob, no sooner than the wait bob was told.
     */
    @ParameterizedTest
    @ValueSource(strings = {"web", "nat"})
    void controlPassesToTheNextUserWhenTheLeaseIsUpThoughTheFirstKeepsSending(String camera) throws Exception {
        assertThat(post("alice", camera, "", "{\"pan\": 10, \"tilt\": 0, \"zoom\": 40}").statusCode()).isEqualTo(200);
        long queued = System.nanoTime();
        HttpResponse<byte[]> bob = post("bob", camera, "/control", "");
        assertThat(bob.statusCode()).as(text(bob)).isEqualTo(409);
        long told = (long) number(json(bob), "waitMillis");
        assertThat(told).isBetween(1L, LEASE_MILLIS);

        int keptSteering = 0;
        HttpResponse<byte[]> alice;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            alice = post("alice", camera, "", keptSteering % 2 == 0 ? "{\"pan\": 12}" : "{\"pan\": 10}");
            if (alice.statusCode() != 200) {
                break;
            }
            keptSteering++;
            assertThat(System.nanoTime()).as("alice still controls after %s", TIMEOUT).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200); // a user clicking, not synchronisation
        }
        long handedOver = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued);

        assertThat(alice.statusCode()).as(text(alice)).isEqualTo(409);
        assertThat(json(alice)).containsEntry("controller", "bob");
        assertThat(number(json(alice), "place")).isEqualTo(1);
        assertThat(keptSteering).as("alice's commands while bob waited").isPositive();
        assertThat(handedOver).as("ms from bob queuing to alice's refusal; bob was told %d", told)
                .isGreaterThanOrEqualTo(told - 50);
        assertThat(object(json(get("bob", camera, "")), "you")).containsEntry("controlling", true);
        assertThat(post("bob", camera, "", "{\"pan\": -10}").statusCode()).isEqualTo(200);
        awaitRest(simulator(camera), new HeadPosition(-1000, 0, 4000, false));
    }

    /**
     * 200 commands at once from one user, each answered, reach the camera as a handful: while one is with the camera,
     * newer ones merge into the one waiting, the newest winning. The head ends at one of the burst's targets.
     */
    @ParameterizedTest
    @ValueSource(strings = {"web", "nat"})
    void aBurstOfCommandsReachesTheCameraAsAHandfulAndEndsAtOneOfItsTargets(String camera) throws Exception {
        CameraSimulator simulator = simulator(camera);
        assertThat(post("alice", camera, "", "{\"pan\": 0, \"tilt\": -5, \"zoom\": 40}").statusCode()).isEqualTo(200);
        awaitRest(simulator, new HeadPosition(0, -500, 4000, false));
        long before = moves(camera);
        Set<HeadPosition> targets = new LinkedHashSet<>();
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();

        for (int i = 0; i < BURST; i++) {
            int pan = -6000 + 50 * i;
            targets.add(new HeadPosition(pan, -500, 4000, false));
            answers.add(CLIENT.sendAsync(request("alice", camera, "").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pan\": " + pan / 100.0 + ", \"tilt\": -5}")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(answers).extracting(answer -> answer.join().statusCode()).as("every command answered")
                .containsOnly(200);
        await("the head at rest", () -> !simulator.head().isMoving());
        HeadPosition last = simulator.head().position();
        long reached = moves(camera) - before;
        System.out.printf("burst: camera %s: %d commands, each answered 200; %d reached the camera; the head rests at"
                          + " %s%n", camera, BURST, reached, last);
        assertThat(reached).as("commands of the burst that reached the camera").isBetween(1L,
                (long) BURST_REACHING_AT_MOST);
        assertThat(targets).as("the head rests at one of the burst's targets").contains(last);
    }

    /**
     * The camera takes control away (event 32 on WebView, status 0x0032 on the native port: a privileged client of
     * the camera took it): the relay reports it and asks again, a command meanwhile is answered 503 with the reason,
     * and when the camera gives control back the relay steers again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"web", "nat"})
    void whenTheCameraTakesControlAwayCommandsGet503WithTheReasonUntilItGivesItBack(String camera) throws Exception {
        CameraSimulator simulator = simulator(camera);
        assertThat(post("alice", camera, "", "{\"pan\": 15, \"tilt\": 0, \"zoom\": 40}").statusCode()).isEqualTo(200);
        awaitRest(simulator, new HeadPosition(1500, 0, 4000, false));
        awaitGrant(camera, "GRANTED");

        simulator.head().takeControl();

        JsonObject waiting = awaitGrant(camera, "WAITING");
        assertThat(object(waiting, "grant")).containsEntry("reason", "another client of the camera has control");
        assertThat(waiting).containsEntry("controlled", true).containsEntry("controller", "alice");
        long moves = moves(camera);
        HttpResponse<byte[]> refused = post("alice", camera, "", "{\"pan\": 30}");
        assertThat(refused.statusCode()).as(text(refused)).isEqualTo(503);
        assertThat((String) json(refused).get("error")).contains("camera '" + camera + "'",
                "controlled by another client of the camera");
        assertThat(object(json(refused), "grant")).containsEntry("state", "WAITING");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(moves(camera)).as("moves that reached the camera").isEqualTo(moves);
        assertThat(simulator.head().controlHolder()).isEqualTo("simulated client");
        simulator.head().moveTo(-4500, -500, 4000); // the camera's other client steers
        awaitRest(simulator, new HeadPosition(-4500, -500, 4000, false));
        awaitJson("the position the camera's other client moved it to", () -> get("alice", camera, ""),
                json -> near(number(object(json, "position"), "pan"), -45)
                        && near(number(object(json, "position"), "tilt"), -5));

        assertThat(simulator.head().releaseControl()).isTrue();

        awaitGrant(camera, "GRANTED");
        HttpResponse<byte[]> again = post("alice", camera, "", "{\"pan\": 30}");
        assertThat(again.statusCode()).as(text(again)).isEqualTo(200);
        awaitRest(simulator, new HeadPosition(3000, -500, 4000, false));
        assertThat(simulator.head().controlHolder()).isNotEqualTo("simulated client").isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "nat"})
    void refusalsGet401403And400WithTheLimitsAndMoveNothing(String camera) throws Exception {
        CameraSimulator simulator = simulator(camera);
        HeadPosition where = simulator.head().position();
        long moves = moves(camera);

        HttpResponse<byte[]> anonymous = Http.send(request(null, camera, "").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pan\": 1}")).build());
        HttpResponse<byte[]> eve = post("eve", camera, "", "{\"pan\": 1}");
        HttpResponse<byte[]> eveAsks = post("eve", camera, "/control", "");
        HttpResponse<byte[]> tooFar = post("alice", camera, "", "{\"pan\": 300}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"camrelay\""));
        assertThat(eve.statusCode()).as(text(eve)).isEqualTo(403);
        assertThat(text(eve)).contains("needs the role control");
        assertThat(eveAsks.statusCode()).isEqualTo(403);
        assertThat(tooFar.statusCode()).as(text(tooFar)).isEqualTo(400);
        assertThat((String) json(tooFar).get("error")).contains("pan 300.00 is above", "170.00");
        JsonObject panLimits = object(object(json(tooFar), "limits"), "pan");
        assertThat(number(panLimits, "min")).isEqualTo(-170);
        assertThat(number(panLimits, "max")).isEqualTo(170);
        assertThat(json(get(null, camera, ""))).as("nobody got control").containsEntry("controlled", false);
        assertThat(moves(camera)).as("moves that reached the camera").isEqualTo(moves);
        assertThat(simulator.head().position()).isEqualTo(where);
    }

    // ---- the cameras ----

    private static CameraSimulator simulator(String camera) {
        return camera.equals("web") ? webCamera : nativeCamera;
    }

    /** Moves that reached the camera, counted on the wire: OperateCamera requests, or native 0x33/0x00E0 datagrams. */
    private static long moves(String camera) {
        if (camera.equals("web")) {
            byte[] prefix = OPERATE_CAMERA.getBytes(StandardCharsets.US_ASCII);
            return webTap.sent().stream().filter(bytes -> bytes.length >= prefix.length
                    && new String(bytes, 0, prefix.length, StandardCharsets.US_ASCII).equals(OPERATE_CAMERA)).count();
        }
        long moves = 0;
        for (byte[] bytes : nativeTap.sent()) {
            // 16 bytes plus 4 per extra word announced in bytes 0-1; byte 5 the command, bytes 6-7 the status
            for (int at = 0; at + 16 <= bytes.length; ) {
                int extra = (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
                int command = bytes[at + 5] & 0xFF;
                int status = (bytes[at + 6] & 0xFF) << 8 | bytes[at + 7] & 0xFF;
                if (command == 0x33 && status == 0x00E0) {
                    moves++;
                }
                at += 16 + 4 * extra;
            }
        }
        return moves;
    }

    private static void awaitRest(CameraSimulator simulator, HeadPosition target) throws Exception {
        await(() -> "the head at rest at " + target + ", it is at " + simulator.head().position(),
                () -> !simulator.head().isMoving() && simulator.head().position().equals(target));
    }

    private static JsonObject awaitGrant(String camera, String state) throws Exception {
        return awaitJson("the camera's grant " + state, () -> get("alice", camera, ""),
                json -> state.equals(object(json, "grant").get("state")));
    }

    // ---- the picture ----

    /**
     * The hue of the landmark at a pan angle: the simulator's scene has one every 30 degrees from -180, the hue of
     * number i being (5i mod 12) / 12 (Scene.landmarkColour), so that neighbours differ by 150 degrees of hue.
     */
    private static float landmarkHue(int pan) {
        int index = (pan + 180) / 30;
        return index * 5 % 12 / 12f;
    }

    /** Waits until the relay's snapshot of the camera shows the hue, and returns it. */
    private static float awaitSnapshotHue(String camera, float expected) throws Exception {
        float[] seen = {Float.NaN};
        await(() -> "the snapshot of " + camera + " with hue " + expected + ", last seen " + seen[0], () -> {
            HttpResponse<byte[]> snapshot = Http.get(base + "/cams/" + camera + "/snapshot.jpg");
            if (snapshot.statusCode() != 200) {
                return false;
            }
            seen[0] = dominantHue(ImageIO.read(new ByteArrayInputStream(snapshot.body())));
            return hueDistance(seen[0], expected) < 0.04;
        });
        return seen[0];
    }

    /**
     * The mean hue of the saturated, bright pixels between the scales (top and left) and the caption (bottom): the
     * landmark that fills the view. Dark windows, the lighter sign disc, black and white labels and the white ball
     * are left out by saturation and brightness, and the mean is taken on the colour circle.
     */
    private static float dominantHue(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double x = 0;
        double y = 0;
        int counted = 0;
        int all = 0;
        float[] hsb = new float[3];
        for (int row = h / 8; row < h * 3 / 4; row++) {
            for (int column = w / 8; column < w; column++) {
                int rgb = image.getRGB(column, row);
                Color.RGBtoHSB(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, hsb);
                all++;
                if (hsb[1] > 0.5 && hsb[2] > 0.5) {
                    x += Math.cos(2 * Math.PI * hsb[0]);
                    y += Math.sin(2 * Math.PI * hsb[0]);
                    counted++;
                }
            }
        }
        if (counted < all / 4) {
            return Float.NaN; // no one colour fills the view
        }
        double turns = Math.atan2(y, x) / (2 * Math.PI);
        return (float) (turns < 0 ? turns + 1 : turns);
    }

    private static double hueDistance(float a, float b) {
        double d = Math.abs(a - b) % 1;
        return Math.min(d, 1 - d);
    }

    // ---- HTTP ----

    private static HttpRequest.Builder request(String user, String camera, String path) {
        URI uri = URI.create(base + "/api/cameras/" + camera + "/ptz" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static HttpResponse<byte[]> get(String user, String camera, String path) throws Exception {
        return Http.send(request(user, camera, path).GET().build());
    }

    private static HttpResponse<byte[]> post(String user, String camera, String path, String body) throws Exception {
        return Http.send(request(user, camera, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<byte[]> delete(String user, String camera, String path) throws Exception {
        return Http.send(request(user, camera, path).DELETE().build());
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

    private static boolean near(double value, double expected) {
        return Math.abs(value - expected) < 0.005;
    }

    // ---- waiting ----

    private interface Condition {
        boolean holds() throws Exception;
    }

    private interface Call {
        HttpResponse<byte[]> call() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        await(() -> what, condition);
    }

    /** Polls until the condition holds: the head, the relay's clients and the frames change on their own threads. */
    private static void await(Supplier<String> what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime() - deadline).as(() -> "timed out waiting for " + what.get()).isNegative();
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static JsonObject awaitJson(String what, Call call, Predicate<JsonObject> condition) throws Exception {
        JsonObject[] last = {null};
        await(() -> what + "; last answer: " + last[0], () -> {
            HttpResponse<byte[]> response = call.call();
            last[0] = response.statusCode() == 200 ? json(response) : null;
            return last[0] != null && condition.test(last[0]);
        });
        return last[0];
    }
}
