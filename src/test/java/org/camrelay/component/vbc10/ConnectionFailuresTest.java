package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

    @Test
    void describesFailuresInAFewWords() {
        assertThat(describe(new ConnectException("Connection refused: /127.0.0.1:65310"))).isEqualTo("connection refused");
        assertThat(describe(new ConnectException("Network is unreachable")))
                .isEqualTo("cannot connect: Network is unreachable");
        assertThat(describe(new ConnectTimeoutException("connection timed out after 5000 ms: /10.0.0.1:65310")))
                .isEqualTo("connect timed out");
        assertThat(describe(new UnknownHostException("camera.invalid"))).isEqualTo("unknown host");
        assertThat(describe(new NoRouteToHostException("No route to host"))).isEqualTo("I/O error: No route to host");
        assertThat(describe(new IOException("Connection reset by peer"))).isEqualTo("connection reset by the camera");
        assertThat(describe(new java.net.SocketException("Connection reset"))).isEqualTo("connection reset by the camera");
        assertThat(describe(new ClosedChannelException())).isEqualTo("I/O error: ClosedChannelException");
        assertThat(describe(new ProtocolException("authentication failed (HTTP 401 Unauthorized)")))
                .isEqualTo("authentication failed (HTTP 401 Unauthorized)");
        assertThat(describe(new DecoderException(new IOException("broken pipe")))).isEqualTo("I/O error: broken pipe");
        assertThat(describe(new TooLongFrameException("HTTP header is larger than 8192 bytes.")))
                .isEqualTo("undecodable data: HTTP header is larger than 8192 bytes.");
        assertThat(describe(new IllegalStateException("bug"))).isEqualTo("java.lang.IllegalStateException: bug");
    }

    private static String describe(Throwable failure) {
        return ConnectionFailures.describe(failure);
    }
}
