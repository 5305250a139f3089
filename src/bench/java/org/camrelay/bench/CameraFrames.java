package org.camrelay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.camrelay.simulator.CameraSimulator;

/**
 * Real camera pictures for the transcoding benchmarks: 640x480 4:2:0 JPEGs from an in-process simulator, as a
 * camera sends them. The picture moves by a fixed step per frame number, so consecutive frames differ as a
 * 6 fps camera's do, whatever the simulator's own rate.
 */
final class CameraFrames {

    /** The simulator's rate: one new picture every 33 ms, so that many frames come quickly. */
    private static final int FPS = 30;
    /** A little over the simulator's frame period, so that consecutive requests get consecutive pictures. */
    private static final long REQUEST_SPACING_MILLIS = 35;

    private CameraFrames() {
    }

    /** {@code count} pictures, pulled one after another. */
    static List<byte[]> fetch(int count) throws IOException, InterruptedException {
        try (CameraSimulator simulator = CameraSimulator.builder().nativePort(CameraSimulator.DISABLED).httpPort(0)
                .fps(FPS).size(640, 480).name("bench-frames").build()) {
            simulator.start();
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + simulator.httpPort() + "/-wvhttp-01-/GetLiveImage");
            List<byte[]> jpegs = new ArrayList<>();
            while (jpegs.size() < count) {
                jpegs.add(client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
                Thread.sleep(REQUEST_SPACING_MILLIS);
            }
            return jpegs;
        }
    }
}
