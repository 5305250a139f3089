package org.camrelay.component.framerate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camrelay.component.vbc10.Vbc10Constants;
import org.junit.jupiter.api.Test;

/** The framerate: endpoint in a route: frames over the limit end their route there, the rest go on at once. */
class FrameRateEndpointTest extends CamelTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:camera").to("framerate:cam?fps=4").to("mock:out");
            }
        };
    }

    @Test
    void passesFourOfSixFramesASecondEvenlyAndCountsTheRest() throws Exception {
        MockEndpoint out = getMockEndpoint("mock:out");
        long start = System.nanoTime();
        // Ten seconds of a 6 fps camera, stamped as the camera consumer stamps frames.
        for (int i = 0; i < 60; i++) {
            template.sendBodyAndHeader("direct:camera", i, Vbc10Constants.RECEIVED_NANOS,
                    start + i * TimeUnit.MILLISECONDS.toNanos(1000) / 6);
        }
        FrameRateEndpoint endpoint = context.getEndpoint("framerate:cam?fps=4", FrameRateEndpoint.class);
        // 9.83 s of frames at 4 fps, counting the first: 40 or 41.
        assertThat(endpoint.getPassed()).isBetween(40L, 41L);
        assertThat(endpoint.getDropped()).isEqualTo(60 - endpoint.getPassed());
        List<Integer> passed = out.getReceivedExchanges().stream().map(e -> e.getIn().getBody(Integer.class)).toList();
        assertThat(passed).hasSize((int) endpoint.getPassed());
        // Two of every three frames: never two drops in a row, never three passes in a row.
        for (int i = 2; i < passed.size(); i++) {
            assertThat(passed.get(i) - passed.get(i - 2)).isBetween(2, 4);
        }
    }
}
