package org.camrelay.component.vbc10.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.netty.channel.EventLoopGroup;
import org.camrelay.component.vbc10.Vbc10Configuration;
import org.camrelay.component.vbc10.Vbc10Transport;

/** Makes the camera-facing control client that an endpoint's options ask for. */
public final class CameraControlClients {

    private CameraControlClients() {
    }

    /**
     * The control client for a camera: {@link WebViewControlClient}, {@link NativeControlClient}, or one that refuses
     * everything with {@code UNAVAILABLE} when control is off ({@code control=none}, or {@code auto} with an
     * httpPath). The client is not started; call {@link CameraControlClient#start()}.
     *
     * @param configuration the endpoint's options, validated
     * @param group         the vbc10 component's event loops; the client keeps all its state on one of them
     */
    public static CameraControlClient create(Vbc10Configuration configuration, EventLoopGroup group) {
        Objects.requireNonNull(group, "group");
        ControlSettings settings = ControlSettings.from(configuration);
        return switch (protocol(configuration)) {
            case WEBVIEW -> new WebViewControlClient(settings, group.next());
            case NATIVE -> new NativeControlClient(settings, group.next());
            default -> new DisabledControlClient(configuration.getControl() == ControlProtocol.NONE
                    ? "camera control is switched off for camera '" + settings.camera + "' (control=none)"
                    : "camera '" + settings.camera + "' is a generic MJPEG camera (httpPath): it has no Canon camera"
                      + " control; set control=webview or control=native if it has");
        };
    }

    /** What {@code control} means for these options: {@code auto} resolved, never {@code AUTO}. */
    public static ControlProtocol protocol(Vbc10Configuration configuration) {
        ControlProtocol control = configuration.getControl();
        if (control != ControlProtocol.AUTO) {
            return control;
        }
        String httpPath = configuration.getHttpPath();
        if (configuration.getTransport() == Vbc10Transport.NATIVE) {
            return ControlProtocol.NATIVE;
        }
        return httpPath == null || httpPath.isEmpty() ? ControlProtocol.WEBVIEW : ControlProtocol.NONE;
    }

    /**
     * Parses the {@code controlLimits} option: {@code panLeft,panRight,tiltDown,tiltUp,zoomTele,zoomWide} in degrees.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static PtzLimits parseLimits(String value) {
        String[] parts = value == null ? new String[0] : value.split(",", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("controlLimits must be six numbers of degrees,"
                    + " panLeft,panRight,tiltDown,tiltUp,zoomTele,zoomWide (e.g. -170,170,-90,10,3,47.5), was '"
                    + value + "'");
        }
        double[] numbers = new double[6];
        for (int i = 0; i < 6; i++) {
            try {
                numbers[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("controlLimits: '" + parts[i].trim() + "' is not a number", e);
            }
            if (!Double.isFinite(numbers[i]) || Math.abs(numbers[i]) > 327) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "controlLimits: %s is out of the range the camera can express (-327 to 327 degrees)",
                        parts[i].trim()));
            }
        }
        try {
            return new PtzLimits(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("controlLimits: " + e.getMessage()
                    + " (each pair must be low,high)", e);
        }
    }

    /**
     * Checks the {@code controlLogin} option: hex datagrams separated by commas, each whole; empty or null for none.
     *
     * @throws IllegalArgumentException naming the datagram that is wrong
     */
    public static void checkLogin(String value) {
        parseLogin(value);
    }

    static List<ControlDatagram> parseLogin(String value) {
        List<ControlDatagram> datagrams = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return datagrams;
        }
        String[] parts = value.split(",");
        for (int i = 0; i < parts.length; i++) {
            String hex = parts[i].replaceAll("\\s", "");
            try {
                datagrams.add(ControlDatagram.parseHex(hex));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("controlLogin: datagram " + (i + 1) + " of " + parts.length + ": "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(datagrams);
    }
}
