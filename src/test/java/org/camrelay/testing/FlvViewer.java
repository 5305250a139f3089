package org.camrelay.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A test viewer of an HTTP-FLV stream that checks the container as it reads: the file header, and for
 * every tag that the PreviousTagSize after it matches.
 */
public final class FlvViewer extends StreamViewer<FlvViewer.Tag> {

    /**
     * One tag as received.
     *
     * @param bytes         the whole tag with its trailing PreviousTagSize, as on the wire
     * @param receivedNanos when its last byte arrived
     */
    public record Tag(int type, int timestamp, boolean keyframe, byte[] bytes, long receivedNanos) {
        public static final int VIDEO = 9;
        public static final int SCRIPT = 18;

        /** The codec id of a video tag: 2 Sorenson H.263, 7 AVC. */
        public int codecId() {
            return bytes[11] & 0x0F;
        }

        /** For AVC: 0 for the sequence header, 1 for a picture. */
        public int avcPacketType() {
            return bytes[12];
        }
    }

    private volatile byte[] fileHeader;

    private FlvViewer(String host, int port, String path) throws IOException {
        super(host, port, path);
    }

    public static FlvViewer open(String host, int port, String path) throws IOException {
        return new FlvViewer(host, port, path);
    }

    /** The 9-byte FLV header and PreviousTagSize0, once read. */
    public byte[] fileHeader() {
        return fileHeader;
    }

    @Override
    protected void parse(InputStream body) throws IOException {
        DataInputStream in = new DataInputStream(body);
        byte[] header = new byte[13];
        in.readFully(header);
        if (header[0] != 'F' || header[1] != 'L' || header[2] != 'V' || header[3] != 1) {
            throw new IOException("not an FLV header: " + Arrays.toString(Arrays.copyOf(header, 4)));
        }
        fileHeader = header;
        while (true) {
            byte[] head = new byte[11];
            try {
                in.readFully(head);
            } catch (EOFException e) {
                return;
            }
            byte[] bytes = Arrays.copyOf(head, 11 + (int) FlvReader.unsigned(head, 1, 3) + 4);
            in.readFully(bytes, 11, bytes.length - 11);
            long now = System.nanoTime();
            FlvReader.Tag tag = FlvReader.tag(bytes, 0);
            if (tag.previousTagSize() != 11 + tag.dataSize()) {
                throw new IOException("PreviousTagSize " + tag.previousTagSize() + " after a tag of " + (11 + tag.dataSize()));
            }
            boolean keyframe = tag.type() == Tag.VIDEO && tag.dataSize() > 0 && tag.frameType() == 1;
            received(new Tag(tag.type(), (int) tag.timestamp(), keyframe, bytes, now));
        }
    }
}
