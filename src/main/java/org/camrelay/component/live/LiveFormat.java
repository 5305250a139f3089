package org.camrelay.component.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How a live stream is framed for HTTP viewers. */
public enum LiveFormat {

    /** {@code multipart/x-mixed-replace} of JPEG frames: plays in a browser {@code <img>}, VLC and ffplay. */
    MJPEG("mjpeg", "multipart/x-mixed-replace;boundary=" + LiveFormat.BOUNDARY, false),

    /** HTTP-FLV: the FLV header and codec configuration, then whole FLV tags (flv.js, ffplay, VLC). */
    FLV("flv", "video/x-flv", true);

    static final String BOUNDARY = "camrelayframe";
    /** MJPEG part header: the camera's frame sequence number. */
    public static final String FRAME_SEQUENCE = "X-Frame-Seq";
    /** MJPEG part header: when the relay received the frame from the camera, epoch milliseconds. */
    public static final String RECEIVED_AT = "X-Received-At";
    /** FLV response header: the epoch milliseconds at FLV timestamp 0, to date every tag. */
    public static final String STREAM_EPOCH = "X-Stream-Epoch";

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

    /**
     * Frames one JPEG as a whole multipart part, built once and shared by all viewers. The part says which
     * frame it is and when the relay received it from the camera, so that a client can count what it
     * missed and measure its delay; players ignore headers they do not know.
     */
    MediaPacket packet(byte[] jpeg, long sequence, long receivedAtMillis) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                + "\r\n" + FRAME_SEQUENCE + ": " + sequence + "\r\n" + RECEIVED_AT + ": " + receivedAtMillis + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer part = ByteBuffer.allocateDirect(head.length + jpeg.length + 2);
        part.put(head).put(jpeg).put((byte) '\r').put((byte) '\n').flip();
        return new MediaPacket(part, true);
    }
}
