package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camrelay.simulator.CameraSimulator;
import org.camrelay.component.vbc10.control.CameraControl;
import org.camrelay.component.vbc10.control.ControlProtocol;
import org.camrelay.component.vbc10.control.ControlQueuedException;
import org.camrelay.component.vbc10.control.ControlStatus;
import org.camrelay.component.vbc10.control.PtzCommand;
import org.camrelay.component.vbc10.control.PtzException;
import org.camrelay.component.vbc10.control.PtzState;
import org.camrelay.component.vbc10.control.RecordingControlClient;
import org.junit.jupiter.api.Test;

/**
 * The {@code vbc10:name} producer and the component's registry of camera controls, with a camera route pulling the
 * simulator's video. The camera-facing client is a recording one, bound through the component's
 * {@code controlClientFactory}.
 * <p>
 * TODO(ptz-clients): after merging, the lead adds Vbc10ControlEndToEndTest: this route with {@code control=webview}
 * against the simulator's WebView control, through the built-in client.
 */
class Vbc10ProducerTest extends CamelTestSupport {

    private static final PtzCommand RIGHT = PtzCommand.Move.relative(5.0, null, null);

    private final Map<String, RecordingControlClient> clients = new ConcurrentHashMap<>();
    private CameraSimulator simulator;

    @Override
    protected void setupResources() {
        simulator = CameraSimulator.builder().name("producer-test").bindHost("127.0.0.1").nativePort(0)
                .httpPort(CameraSimulator.DISABLED).fps(10).size(160, 120).build();
        simulator.start();
    }

    @Override
    protected void cleanupResources() {
        context.stop();
        simulator.close();
    }

    private Vbc10Component component() {
        return context.getComponent("vbc10", Vbc10Component.class);
    }

    private void startCamera(String name, String options) throws Exception {
        component().setControlClientFactory((configuration, eventLoops) -> {
            RecordingControlClient client = new RecordingControlClient();
            clients.put(configuration.getName(), client);
            return client;
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("vbc10:" + name + "?host=127.0.0.1&videoPort=" + simulator.nativePort() + options)
                        .routeId("camera-" + name).to("mock:frames?retainFirst=1");
            }
        });
    }

    private Exchange send(String camera, String action, String user, String role, Object body) {
        return template.send("vbc10:" + camera, exchange -> {
            exchange.getIn().setHeader(Vbc10Constants.CONTROL_ACTION, action);
            exchange.getIn().setHeader(Vbc10Constants.CONTROL_USER, user);
            exchange.getIn().setHeader(Vbc10Constants.CONTROL_ROLE, role);
            exchange.getIn().setBody(body);
        });
    }

    @Test
    void aCameraHasItsControlWhileItsConsumerRunsAndNotAfter() throws Exception {
        startCamera("lobby", "&control=webview&controlLease=20s&controlIdleTimeout=5s");

        CameraControl control = component().control("lobby").orElseThrow();
        assertThat(control.mode()).isEqualTo(ControlProtocol.WEBVIEW);
        assertThat(control.status().leaseMillis()).isEqualTo(20_000);
        RecordingControlClient client = clients.get("lobby");
        assertThat(client.started()).isTrue();
        assertThat(send("lobby", "acquire", "alice", null, null).getException()).isNull();

        context.getRouteController().stopRoute("camera-lobby");

        assertThat(component().control("lobby")).isEmpty();
        assertThat(client.calls()).containsExactly("start", "acquire", "release", "stop");
        Exchange refused = send("lobby", "command", "alice", null, RIGHT);
        assertThat(refused.getException()).isInstanceOf(PtzException.class)
                .hasMessageContaining("camera 'lobby' has no pan/tilt/zoom control");

        context.getRouteController().startRoute("camera-lobby");
        assertThat(component().control("lobby")).isPresent();
    }

    @Test
    void aRouteSteersTheCameraForOneUserAtATimeAndTheOthersAreQueued() throws Exception {
        startCamera("lobby", "&control=webview");

        Exchange alice = send("lobby", null, "alice", null, RIGHT);
        assertThat(alice.getException()).isNull();
        assertThat(alice.getMessage().getBody(PtzState.class).position().pan()).isEqualTo(5.0);
        assertThat(clients.get("lobby").submitted()).containsExactly(RIGHT);

        Exchange bob = send("lobby", "command", "bob", "control", RIGHT);
        assertThat(bob.getException()).isInstanceOf(ControlQueuedException.class);
        assertThat(((ControlQueuedException) bob.getException()).place()).isEqualTo(1);

        Exchange status = send("lobby", "status", "bob", null, null);
        assertThat(status.getMessage().getBody(ControlStatus.class).controller()).isEqualTo("alice");
        assertThat(status.getMessage().getHeader(Vbc10Constants.CONTROL_PLACE)).isEqualTo(1);

        Exchange released = send("lobby", "release", "alice", null, null);
        assertThat(released.getMessage().getBody(ControlStatus.class).controller()).isEqualTo("bob");
        assertThat(released.getMessage().getHeader(Vbc10Constants.CONTROL_PLACE)).isEqualTo(-1);
        assertThat(send("lobby", "command", "bob", null, RIGHT).getException()).isNull();
        assertThat(clients.get("lobby").submitted()).containsExactly(RIGHT, RIGHT);
    }

    @Test
    void anAdminTakesOverWithTheTakeOverHeader() throws Exception {
        startCamera("lobby", "&control=native");
        send("lobby", "acquire", "alice", "control", null);

        Exchange root = template.send("vbc10:lobby", exchange -> {
            exchange.getIn().setHeader(Vbc10Constants.CONTROL_ACTION, "acquire");
            exchange.getIn().setHeader(Vbc10Constants.CONTROL_USER, "root");
            exchange.getIn().setHeader(Vbc10Constants.CONTROL_ROLE, "admin");
            exchange.getIn().setHeader(Vbc10Constants.CONTROL_TAKE_OVER, true);
        });

        ControlStatus status = root.getMessage().getBody(ControlStatus.class);
        assertThat(status.controller()).isEqualTo("root");
        assertThat(status.queue()).containsExactly("alice");
        assertThat(root.getMessage().getHeader(Vbc10Constants.CONTROL_PLACE)).isEqualTo(0);
    }

    @Test
    void aCameraWithoutControlHasNone() throws Exception {
        startCamera("plain", "&control=none");

        assertThat(component().control("plain")).isEmpty();
        assertThat(clients).isEmpty();
        assertThat(send("plain", "status", null, null, null).getException())
                .hasMessageContaining("runs with control=none");
    }

    @Test
    void aWrongHeaderOrBodyIsRefusedClearly() throws Exception {
        startCamera("lobby", "&control=webview");

        assertThat(send("lobby", "command", null, null, RIGHT).getException())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Vbc10Constants.CONTROL_USER);
        assertThat(send("lobby", "steer", "alice", null, RIGHT).getException())
                .hasMessageContaining("command, acquire, release or status, was 'steer'");
        assertThat(send("lobby", "command", "alice", "boss", RIGHT).getException())
                .hasMessageContaining("control or admin, was 'boss'");
        assertThat(send("lobby", "command", "alice", null, "left").getException())
                .hasMessageContaining("the body must be a PtzCommand");
        assertThat(clients.get("lobby").submitted()).isEmpty();
    }
}
