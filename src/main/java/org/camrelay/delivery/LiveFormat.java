package org.camrelay.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How a live stream is framed for HTTP viewers. */
public enum LiveFormat {

    /** {@code multipart/x-mixed-replace} of JPEG frames: plays in a browser {@code <img>}, VLC and ffplay. */
    MJPEG("mjpeg", "multipart/x-mixed-replace;boundary=" + LiveFormat.BOUNDARY, false),

    /** HTTP-FLV: the FLV header and codec configuration, then whole FLV tags (flv.js, ffplay, VLC). */
    FLV("flv", "video/x-flv", true);

    static final String BOUNDARY = "camrelayframe";

    private final String extension;
    private final String contentType;
    private final boolean hasPreamble;

    LiveFormat(String extension, String contentType, boolean hasPreamble) {
        this.extension = extension;
        this.contentType = contentType;
        this.hasPreamble = hasPreamble;
    }

    /** Whether a viewer must get the stream's header before any packet. */
    public boolean hasPreamble() {
        return hasPreamble;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The format served under a file extension, or null. */
    public static LiveFormat ofExtension(String extension) {
        for (LiveFormat format : values()) {
            if (format.extension.equals(extension)) {
                return format;
            }
        }
        return null;
    }

    /** Frames one JPEG as a whole multipart part, built once and shared by all viewers. */
    MediaPacket packet(byte[] jpeg) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer part = ByteBuffer.allocate(head.length + jpeg.length + 2);
        part.put(head).put(jpeg).put((byte) '\r').put((byte) '\n').flip();
        return new MediaPacket(part, true);
    }
}
