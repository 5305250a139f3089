package org.camrelay.component.vbc10.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.camrelay.component.vbc10.webview.WebViewResponse;
import org.junit.jupiter.api.Test;

/** What the control client reads from WebView answers, with bodies shaped as Canon's specification shows them. */
class WebViewFieldsTest {

    private static WebViewResponse answer(String notice, String body) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Livescope-Status", "0");
        if (notice != null) {
            headers.set("Livescope-Notice", notice);
        }
        return new WebViewResponse(200, 0, "", headers, body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsTheControlLimitsNotTheMechanicalEnds() {
        WebViewResponse info = answer(null, """
                camera_type=Canon VB-C10
                camera_id=1
                camera_status=enabled
                pan_current_value=-1234
                tilt_current_value=500
                zoom_current_value=4750
                back_light=ON
                pan_left_end=-17000
                pan_right_end=17000
                tilt_up_end=1000
                tilt_down_end=-9000
                zoom_tele_end=300
                zoom_wide_end=4750
                pan_left_limit=-9000
                pan_right_limit=9000
                tilt_up_limit=500
                tilt_down_limit=-4500
                zoom_tele_limit=400
                zoom_wide_limit=4000
                """);

        Map<String, String> fields = info.fields();
        assertThat(WebViewFields.limits(fields)).isEqualTo(new PtzLimits(-90, 90, -45, 5, 4, 40));
        assertThat(WebViewFields.cameraInfoPosition(fields, null)).isEqualTo(new PtzPosition(-12.34, 5, 47.5, true));
    }

    @Test
    void hasNoLimitsWhenTheCameraGivesNone() {
        assertThat(WebViewFields.limits(answer(null, "camera_type=Canon VB-C10\npan_left_end=-17000\n").fields()))
                .isNull();
    }

    @Test
    void readsTheTimeLimitOfAGrantAndTheWaitOfAQueue() {
        WebViewResponse granted = answer("31", "enabled_camera_control\ntime_limit=20000\n");
        WebViewResponse waiting = answer("33", "waiting_camera_control\nwait_time=15500\n");
        WebViewResponse refused = answer("34", "failed_to_get_camera_control\n");

        assertThat(granted.notice()).isEqualTo(WebViewFields.CONTROL_GRANTED);
        assertThat(WebViewFields.millis(granted.fields(), "time_limit")).isEqualTo(20000);
        assertThat(waiting.notice()).isEqualTo(WebViewFields.CONTROL_WAITING);
        assertThat(WebViewFields.millis(waiting.fields(), "wait_time")).isEqualTo(15500);
        assertThat(refused.notice()).isEqualTo(WebViewFields.CONTROL_REFUSED);
        assertThat(WebViewFields.millis(refused.fields(), "time_limit")).isZero();
    }

    @Test
    void updatesThePositionFromCameraOperatedEvents() {
        PtzPosition before = new PtzPosition(1, 2, 40, false);
        WebViewResponse operated = answer("42", """
                camera_operated_by_another_client
                pan=9000
                tilt=-1050
                zoom=320
                back_light=OFF
                """);
        WebViewResponse partial = answer("41", "camera_operated\npan=-500\nback_light=ON\n");

        assertThat(WebViewFields.eventPosition(operated.fields(), before)).isEqualTo(new PtzPosition(90, -10.5, 3.2,
                false));
        assertThat(WebViewFields.eventPosition(partial.fields(), before)).isEqualTo(new PtzPosition(-5, 2, 40, true));
        assertThat(WebViewFields.eventPosition(partial.fields(), null)).isNull();
    }

    @Test
    void namesTheWebViewCommandAndItsParameters() {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        assertThat(WebViewControlClient.operation(new Queued.AxisMove(new Queued.Axis(90, false),
                new Queued.Axis(-5.5, true), null), parameters)).isEqualTo("OperateCamera");
        assertThat(parameters).containsExactly(Map.entry("pan", "9000"), Map.entry("tilt", "d-550"));

        parameters.clear();
        assertThat(WebViewControlClient.operation(Queued.of(new PtzCommand.PanTiltMove(PtzCommand.PanTilt.UP_LEFT)),
                parameters)).isEqualTo("OperateCameraEx");
        assertThat(parameters).containsExactly(Map.entry("pan_tilt", "up_left"));

        parameters.clear();
        assertThat(WebViewControlClient.operation(Queued.of(new PtzCommand.ZoomMove(PtzCommand.Zoom.WIDE)),
                parameters)).isEqualTo("OperateCameraEx");
        assertThat(parameters).containsExactly(Map.entry("zoom", "wide"));

        parameters.clear();
        assertThat(WebViewControlClient.operation(Queued.of(new PtzCommand.BackLight(true)), parameters))
                .isEqualTo("OperateCamera");
        assertThat(parameters).containsExactly(Map.entry("back_light", "ON"));
    }
}
