package org.camrelay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

/**
 * A WebView session as a test client drives it: commands on one keep-alive connection, each GetNotice long poll
 * on a connection of its own.
 */
final class CameraSession implements AutoCloseable {

    private final int port;
    private final String id;
    private final String[] headers;
    private final WebViewConnection commands;

    private CameraSession(int port, String id, String[] headers) throws IOException {
        this.port = port;
        this.id = id;
        this.headers = headers;
        commands = new WebViewConnection(port);
    }

    /** Opens a session, with OpenCameraServer parameters such as {@code vc_host=null_host}, and reads events 11 and 14. */
    static CameraSession open(int port, String parameters, String... headers) throws IOException {
        WebViewConnection.Reply reply = WebViewConnection.fetch(port,
                "/-wvhttp-01-/OpenCameraServer" + (parameters.isEmpty() ? "" : "?" + parameters), headers).assertOk();
        String id = reply.value("connection_id");
        assertThat(id).matches("[0-9A-F]{4}-[0-9A-F]{8}");
        CameraSession session = new CameraSession(port, id, headers);
        if (!parameters.contains("null_host")) {
            assertThat(session.nextEvent(5)).isEqualTo(11);
        }
        assertThat(session.nextEvent(5)).isEqualTo(14);
        return session;
    }

    String id() {
        return id;
    }

    /** A command of this session on its keep-alive connection; {@code parameters} like {@code pan=100&tilt=0}. */
    WebViewConnection.Reply command(String command, String parameters) throws IOException {
        return commands.get(true, target(command, parameters), headers);
    }

    WebViewConnection.Reply command(String command) throws IOException {
        return command(command, "");
    }

    /** GetNotice with a timeout in seconds, on a connection of its own. */
    WebViewConnection.Reply notice(double timeoutSeconds) throws IOException {
        return WebViewConnection.fetch(port, target("GetNotice", "timeout=" + timeoutSeconds), headers);
    }

    /** The number of the next event, failing if none arrives in time. */
    int nextEvent(double timeoutSeconds) throws IOException {
        WebViewConnection.Reply reply = notice(timeoutSeconds).assertOk();
        String number = reply.header("Livescope-Notice");
        assertThat(number).as("an event, not a timeout").isNotNull();
        return Integer.parseInt(number);
    }

    /** The next event, which must be the given one; returns its reply for the details. */
    WebViewConnection.Reply expectEvent(int number, double timeoutSeconds) throws IOException {
        WebViewConnection.Reply reply = notice(timeoutSeconds).assertOk();
        assertThat(reply.header("Livescope-Notice")).as("event, body %s", new String(reply.body()))
                .isEqualTo(Integer.toString(number));
        return reply;
    }

    /** Checks no event arrives within the time: GetNotice times out with 404. */
    void expectNoEvent(double timeoutSeconds) throws IOException {
        WebViewConnection.Reply reply = notice(timeoutSeconds);
        assertThat(reply.header("Livescope-Notice")).as("no event, but %s", new String(reply.body())).isNull();
        reply.assertError(404);
    }

    String target(String command, String parameters) {
        return "/-wvhttp-01-/" + command + "?connection_id=" + id + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    @Override
    public void close() throws IOException {
        commands.close();
    }
}
