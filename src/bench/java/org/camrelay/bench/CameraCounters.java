package org.camrelay.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * One camera's counters in the relay's {@code /api/cameras}, at one moment: the moment the relay's monitor
 * last sampled them, which it does once a second.
 *
 * @param flvStreaming   whether its FLV output exists, which it does from its first frame
 * @param framesLost     frames lost in the relay since then, by cause, for every cause but the frame-rate
 *                       limiter, whose drops are by design
 * @param reconnects     connection attempts after the first, since its route started
 * @param encodeMicros   mean time to transcode a frame, since its route started
 */
record CameraCounters(boolean flvStreaming, Map<String, Long> framesLost, long reconnects,
        double encodeMicros) {

    /** The causes of loss in {@code /api/cameras}' framesDropped, but the limiter. */
    static final List<String> LOSSES = List.of("corrupt", "oversize", "routeBusy", "encoderBusy", "encoderFailed",
            "slowViewers");

    /** Every camera's counters by name, from the JSON of {@code /api/cameras}. */
    static Map<String, CameraCounters> parse(String json) {
        Map<String, CameraCounters> cameras = new LinkedHashMap<>();
        JsonArray list = (JsonArray) Jsoner.deserialize(json, new JsonObject()).get("cameras");
        for (Object item : list) {
            JsonObject camera = (JsonObject) item;
            JsonObject drops = (JsonObject) camera.get("framesDropped");
            Map<String, Long> lost = new LinkedHashMap<>();
            LOSSES.forEach(cause -> lost.put(cause, number(drops, cause).longValue()));
            boolean flv = ((JsonArray) camera.get("outputs")).stream()
                    .anyMatch(output -> "flv".equals(((JsonObject) output).get("format")));
            cameras.put((String) camera.get("name"), new CameraCounters(flv, lost, number(camera, "reconnects").longValue(),
                    number(camera, "encodeMicrosPerFrame").doubleValue()));
        }
        return cameras;
    }

    private static Number number(JsonObject object, String key) {
        Object value = object.get(key);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("/api/cameras: " + key + " is not a number: " + value);
        }
        return number;
    }
}
