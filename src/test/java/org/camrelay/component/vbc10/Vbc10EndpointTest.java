package org.camrelay.component.vbc10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
import org.camrelay.component.vbc10.control.ControlProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Vbc10EndpointTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void appliesTheDefaults() {
        Vbc10Endpoint endpoint = context.getEndpoint("vbc10:lobby?host=cam.example", Vbc10Endpoint.class);
        Vbc10Configuration configuration = endpoint.getConfiguration();

        assertThat(configuration.getName()).isEqualTo("lobby");
        assertThat(configuration.getTransport()).isEqualTo(Vbc10Transport.NATIVE);
        assertThat(configuration.getVideoPort()).isEqualTo(65310);
        assertThat(configuration.getHttpPort()).isEqualTo(80);
        assertThat(configuration.getImageSize()).isEqualTo("320x240");
        assertThat(configuration.getFps()).isEqualTo(6.0);
        assertThat(configuration.handshakeBytes()).containsExactly(0x0A, 0x0A, 0x0A, 0x0A);
        assertThat(configuration.frameRequestBytes()).containsExactly(0x0A);
        assertThat(configuration.getNativeDialect()).isEqualTo(Vbc10NativeDialect.VIDEOGRAM);
        assertThat(new String(configuration.nativeLoginBytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("SUPER r\u0010\u0010\u000b\u0045\u0029\u003d\u0052\u003c\u004a\u004f\u0016");
        assertThat(configuration.nativeReplyTimeout()).isEqualTo(2500);
        assertThat(configuration.getMaxFrameSize()).isEqualTo(4 * 1024 * 1024);
        assertThat(configuration.getConnectTimeout()).isEqualTo(5000);
        assertThat(configuration.getStallTimeout()).isEqualTo(5000);
        assertThat(configuration.getReconnectDelay()).isEqualTo(1000);
        assertThat(configuration.getReconnectMaxDelay()).isEqualTo(30000);
        assertThat(configuration.getReconnectJitter()).isEqualTo(0.2);
        assertThat(configuration.requestPath())
                .isEqualTo("/-wvhttp-01-/GetOneShot?image_size=320x240&frame_rate=6000&frame_count=0");
        assertThat(configuration.getHttpVideo()).isEqualTo(HttpVideo.ONE_SHOT);
        assertThat(configuration.getMaxRenewalsPerMinute()).isEqualTo(10);
        assertThat(endpoint.getServiceUrl()).isEqualTo("cam.example:65310");
        assertThat(endpoint.getServiceProtocol()).isEqualTo("tcp");
    }

    /** The camera's state as its endpoint shows it, from the consumer's run, the connection and the last frame. */
    @Test
    void tellsTheCamerasStateFromItsRunItsConnectionAndItsLastFrame() {
        Vbc10Endpoint endpoint = context.getEndpoint("vbc10:lobby?host=cam.example&stallTimeout=1000",
                Vbc10Endpoint.class);
        CameraStatistics statistics = endpoint.getStatistics();
        long start = 1_000_000;
        assertThat(endpoint.state(start)).isEqualTo(CameraState.STOPPED);

        statistics.consumerStarted(start);
        assertThat(endpoint.state(start + 999)).as("no frame due yet").isEqualTo(CameraState.STARTING);
        assertThat(endpoint.state(start + 1000)).as("none came").isEqualTo(CameraState.DOWN);

        statistics.setConnected(true);
        statistics.frameReceived(start + 500);
        assertThat(endpoint.state(start + 1500)).isEqualTo(CameraState.STREAMING);
        assertThat(endpoint.lastFrameAgeMillis(start + 1500)).isEqualTo(1000);
        assertThat(endpoint.state(start + 1501)).as("stalled").isEqualTo(CameraState.DOWN);

        statistics.setConnected(false);
        statistics.setProblem("connection refused");
        assertThat(endpoint.state(start + 600)).as("the connection failed, frames or not").isEqualTo(CameraState.DOWN);
        assertThat(endpoint.getProblem()).isEqualTo("connection refused");

        statistics.consumerStopped();
        assertThat(endpoint.state(start + 600)).isEqualTo(CameraState.STOPPED);
        statistics.consumerStarted(start + 2000);
        assertThat(endpoint.state(start + 2100)).as("a new run starts afresh").isEqualTo(CameraState.STARTING);
        assertThat(endpoint.getProblem()).isNull();
    }

    @Test
    void takesOptionsFromTheUri() {
        Vbc10Endpoint endpoint = context.getEndpoint("vbc10:gate?host=::1&transport=http&httpPort=8080&fps=2.5"
                                                     + "&imageSize=640x480&stallTimeout=2s&reconnectMaxDelay=1m"
                                                     + "&handshake=0a0b&username=viewer&password=RAW(s3cr=t)",
                Vbc10Endpoint.class);
        Vbc10Configuration configuration = endpoint.getConfiguration();

        assertThat(configuration.getTransport()).isEqualTo(Vbc10Transport.HTTP);
        assertThat(configuration.getStallTimeout()).isEqualTo(2000);
        assertThat(configuration.getReconnectMaxDelay()).isEqualTo(60000);
        assertThat(configuration.handshakeBytes()).containsExactly(0x0A, 0x0B);
        assertThat(configuration.getPassword()).isEqualTo("s3cr=t");
        assertThat(configuration.requestPath()).contains("image_size=640x480&frame_rate=2500&");
        assertThat(endpoint.getServiceUrl()).isEqualTo("[::1]:8080");
        assertThat(endpoint.getServiceProtocol()).isEqualTo("http");
        assertThat(configuration.toString()).doesNotContain("s3cr").doesNotContain("viewer");
    }

    @Test
    void takesTheNativeDialectAndLoginFromTheUriAndKeepsTheLoginOutOfLogs() {
        Vbc10Endpoint endpoint = context.getEndpoint("vbc10:old?host=cam&nativeDialect=simple&nativeLogin=55534552"
                                                     + "2062c0ffee", Vbc10Endpoint.class);

        assertThat(endpoint.getConfiguration().getNativeDialect()).isEqualTo(Vbc10NativeDialect.SIMPLE);
        assertThat(endpoint.getConfiguration().nativeLoginBytes()).startsWith('U', 'S', 'E', 'R', ' ').endsWith(0xEE);
        assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri())).doesNotContain("c0ffee");
        assertThat(endpoint.getConfiguration().toString()).doesNotContain("c0ffee");
    }

    @Test
    void usesAnHttpPathAsIs() {
        Vbc10Endpoint endpoint = context.getEndpoint("vbc10:yard?host=cam&transport=http&httpPath=/video.mjpg"
                                                     + "&fps=0.1", Vbc10Endpoint.class);

        assertThat(endpoint.getConfiguration().requestPath()).isEqualTo("/video.mjpg");
    }

    @Test
    void keepsAPathWithSeveralQueryParametersWholeWrittenRawAndTakesTheHttpVideoMode() {
        Vbc10Endpoint endpoint = context.getEndpoint("vbc10:yard?host=cam&transport=http"
                + "&httpPath=RAW(/video.cgi?resolution=640x480&fps=6)&fps=6", Vbc10Endpoint.class);
        Vbc10Endpoint gate = context.getEndpoint("vbc10:gate?host=cam&transport=http&httpVideo=liveImage"
                + "&maxRenewalsPerMinute=3", Vbc10Endpoint.class);

        assertThat(endpoint.getConfiguration().requestPath()).isEqualTo("/video.cgi?resolution=640x480&fps=6");
        assertThat(endpoint.getConfiguration().getFps()).isEqualTo(6.0);
        assertThat(gate.getConfiguration().getHttpVideo()).isEqualTo(HttpVideo.LIVE_IMAGE);
        assertThat(gate.getConfiguration().getMaxRenewalsPerMinute()).isEqualTo(3);
    }

    @Test
    void givesEachEndpointItsOwnCopyOfTheComponentDefaults() {
        Vbc10Component component = context.getComponent("vbc10", Vbc10Component.class);
        component.getConfiguration().setFps(12);

        Vbc10Endpoint custom = context.getEndpoint("vbc10:a?host=cam&fps=3", Vbc10Endpoint.class);
        Vbc10Endpoint defaults = context.getEndpoint("vbc10:b?host=cam", Vbc10Endpoint.class);

        assertThat(custom.getConfiguration().getFps()).isEqualTo(3.0);
        assertThat(defaults.getConfiguration().getFps()).isEqualTo(12.0);
        assertThat(component.getConfiguration().getFps()).isEqualTo(12.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "vbc10:lob*by?host=cam                         | camera name must be",
            "vbc10:lobby?host=cam&fps=0                    | fps must be a positive number, was 0.0",
            "vbc10:lobby?host=cam&fps=0.1                  | stallTimeout (5000 ms) must be longer than the frame interval",
            "vbc10:lobby?host=cam&imageSize=320            | imageSize must be WIDTHxHEIGHT",
            "vbc10:lobby?host=cam&handshake=0A0            | handshake must be hex digits",
            "vbc10:lobby?host=cam&frameRequest=zz          | frameRequest must be hex digits",
            "vbc10:lobby?host=cam&handshake=               | handshake must not be empty",
            "vbc10:lobby?host=cam&videoPort=70000          | videoPort must be between 1 and 65535",
            "vbc10:lobby?host=cam&httpPath=video.mjpg      | httpPath must start with '/'",
            "vbc10:lobby?host=cam&reconnectMaxDelay=500    | reconnectMaxDelay (500) must not be less than reconnectDelay",
            "vbc10:lobby?host=cam&reconnectJitter=1.5      | reconnectJitter must be a fraction",
            "vbc10:lobby?host=cam&maxFrameSize=0           | maxFrameSize must be positive",
            "vbc10:lobby?host=cam&password=s3cr3t          | password is set but username is not",
            "vbc10:lobby?host=cam&username=a:b             | username must not contain ':'",
            "vbc10:lobby?host=cam&transport=ftp            | transport",
            "vbc10:lobby?host=cam&transport=http&httpVideo=liveImage&httpPath=/v.cgi?x=1 | leave httpPath empty, was '/v.cgi'",
            "vbc10:lobby?host=cam&httpVideo=stream         | httpVideo",
            "vbc10:lobby?host=cam&maxRenewalsPerMinute=-1  | maxRenewalsPerMinute must not be negative",
            "vbc10:lobby?host=cam&colour=red               | colour",
            "vbc10:lobby?host=cam&nativeDialect=binary     | nativeDialect",
            "vbc10:lobby?host=cam&nativeLogin=s3cr3t       | nativeLogin must be hex digits, two per byte",
            "vbc10:lobby?host=cam&nativeLogin=             | nativeLogin must not be empty",
            "vbc10:lobby?host=cam&nativeLogin=410A42       | nativeLogin must not hold the byte 0A",
            "vbc10:lobby?host=cam&imageSize=70000x480      | imageSize must be at most 65535x65535 for the videogram",
    })
    void rejectsInvalidOptionsClearly(String uri, String message) {
        assertThatThrownBy(() -> context.getEndpoint(uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void needsAHostToConsumeButNotToSteerACamera() throws Exception {
        Vbc10Endpoint endpoint = context.getEndpoint("vbc10:lobby", Vbc10Endpoint.class);

        assertThat(endpoint.createProducer()).isInstanceOf(Vbc10Producer.class);
        assertThatThrownBy(() -> endpoint.createConsumer(exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host is required");
        assertThatThrownBy(() -> context.getEndpoint("vbc10:lobby?fps=0"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("fps must be a positive number");
    }

    @Test
    void takesTheControlOptions() {
        Vbc10Configuration defaults = context.getEndpoint("vbc10:lobby?host=cam", Vbc10Endpoint.class)
                .getConfiguration();
        Vbc10Configuration custom = context.getEndpoint("vbc10:gate?host=cam&control=webview&controlLease=1m"
                                                        + "&controlIdleTimeout=5s", Vbc10Endpoint.class)
                .getConfiguration();

        assertThat(defaults.getControl()).isEqualTo(ControlProtocol.AUTO);
        assertThat(defaults.getControlLease()).isEqualTo(30_000);
        assertThat(defaults.getControlIdleTimeout()).isEqualTo(10_000);
        assertThat(custom.getControl()).isEqualTo(ControlProtocol.WEBVIEW);
        assertThat(custom.getControlLease()).isEqualTo(60_000);
        assertThat(custom.getControlIdleTimeout()).isEqualTo(5_000);
        assertThatThrownBy(() -> context.getEndpoint("vbc10:x?host=cam&control=joystick"))
                .hasMessageContaining("joystick");
        assertThatThrownBy(() -> context.getEndpoint("vbc10:x?host=cam&controlLease=0"))
                .hasMessageContaining("controlLease must be positive");
    }
}
