package org.camrelay.component.vbc10.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.camrelay.component.vbc10.Vbc10Configuration;
import org.camrelay.component.vbc10.Vbc10Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control options of a vbc10 endpoint, and the client they make. */
class CameraControlClientsTest {

    private final CamelContext context = new DefaultCamelContext();
    private final EventLoopGroup group = new NioEventLoopGroup(1);

    @AfterEach
    void stop() {
        context.stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Vbc10Configuration options(String query) {
        return context.getEndpoint("vbc10:lobby?host=cam.example" + query, Vbc10Endpoint.class).getConfiguration();
    }

    @Test
    void hasDefaults() {
        Vbc10Configuration configuration = options("");

        assertThat(configuration.getControl()).isEqualTo(ControlProtocol.AUTO);
        assertThat(configuration.getNoticeTimeout()).isEqualTo(30);
        assertThat(configuration.getControlPriority()).isZero();
        assertThat(configuration.getControlPort()).isEqualTo(65311);
        assertThat(configuration.getControlLogin()).isNull();
        assertThat(CameraControlClients.parseLimits(configuration.getControlLimits())).isEqualTo(PtzLimits.VB_C10);
    }

    @Test
    void autoPicksTheControlOfTheTransport() {
        assertThat(CameraControlClients.protocol(options(""))).isEqualTo(ControlProtocol.NATIVE);
        assertThat(CameraControlClients.protocol(options("&transport=http"))).isEqualTo(ControlProtocol.WEBVIEW);
        assertThat(CameraControlClients.protocol(options("&transport=http&httpPath=/video.mjpg")))
                .isEqualTo(ControlProtocol.NONE);
        assertThat(CameraControlClients.protocol(options("&transport=http&httpPath=/video.mjpg&control=webview")))
                .isEqualTo(ControlProtocol.WEBVIEW);
        assertThat(CameraControlClients.protocol(options("&control=none"))).isEqualTo(ControlProtocol.NONE);
    }

    @Test
    void makesTheClientTheOptionsAskFor() {
        assertThat(CameraControlClients.create(options("&transport=http"), group))
                .isInstanceOf(WebViewControlClient.class);
        assertThat(CameraControlClients.create(options(""), group)).isInstanceOf(NativeControlClient.class);
        CameraControlClient none = CameraControlClients.create(options("&transport=http&httpPath=/v.mjpg"), group);

        assertThat(none.state().grant().reason()).contains("generic MJPEG camera");
        assertThatThrownBy(() -> none.submit(PtzCommand.Move.absolute(1.0, null, null)).join())
                .hasCauseInstanceOf(PtzException.class).hasMessageContaining("no Canon camera control");
        assertThatThrownBy(() -> CameraControlClients.create(options("&control=none"), group).acquire().join())
                .hasMessageContaining("control=none");
    }

    @Test
    void takesControlOptionsFromTheUri() {
        Vbc10Configuration configuration = options("&control=native&noticeTimeout=10&controlPriority=20"
                + "&controlPort=1234&controlLimits=-100,100,-30,30,2.5,45"
                + "&controlLogin=00000000002100010000000000000000, 0001000000330000000000000000000000000000");

        assertThat(configuration.getControl()).isEqualTo(ControlProtocol.NATIVE);
        ControlSettings settings = ControlSettings.from(configuration);
        assertThat(settings.noticeTimeoutSeconds).isEqualTo(10);
        assertThat(settings.priority).isEqualTo(20);
        assertThat(settings.controlPort).isEqualTo(1234);
        assertThat(settings.limits).isEqualTo(new PtzLimits(-100, 100, -30, 30, 2.5, 45));
        assertThat(settings.login).containsExactly(ControlDatagram.of(0x21, 1, new byte[8]),
                ControlDatagram.of(0x33, 0, new byte[12]));
    }

    @Test
    void refusesWrongControlOptionsNamingThem() {
        assertThatThrownBy(() -> options("&controlPriority=3")).isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("controlPriority must be 0 (general) or 5 to 50");
        assertThatThrownBy(() -> options("&noticeTimeout=0")).hasMessageContaining("noticeTimeout");
        assertThatThrownBy(() -> options("&controlPort=70000")).hasMessageContaining("controlPort");
        assertThatThrownBy(() -> options("&controlLimits=1,2,3")).hasMessageContaining("six numbers");
        assertThatThrownBy(() -> options("&controlLimits=170,-170,-90,10,3,47.5")).hasMessageContaining("low,high");
        assertThatThrownBy(() -> options("&controlLogin=0021")).hasMessageContaining("controlLogin: datagram 1 of 1");
        assertThatThrownBy(() -> options("&control=ptz")).isInstanceOf(ResolveEndpointFailedException.class);
    }
}
