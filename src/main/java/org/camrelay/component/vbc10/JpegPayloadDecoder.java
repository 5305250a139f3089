package org.camrelay.component.vbc10;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * Checks that each payload a framing decoder passes on (the payload of a type 0x02 videogram) is exactly one complete
 * JPEG, SOI to EOI, and passes it on as a {@link JpegFrame}; anything else is dropped and reported as a corrupt frame,
 * never as a frame: a payload cut short, bytes before SOI or after EOI, two pictures in one payload, broken
 * structure.
 * <p>
 * The JPEG structure is followed by a {@link JpegFrameDecoder}, fresh for each payload so that nothing carries over
 * from one payload to the next; its reports are collected and turned into at most one report per payload.
 */
final class JpegPayloadDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final int maxFrameSize;
    private final JpegStreamListener listener;

    /**
     * @param maxFrameSize the largest frame passed on, in bytes
     * @param listener     told about dropped payloads
     */
    JpegPayloadDecoder(int maxFrameSize, JpegStreamListener listener) {
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        int length = payload.readableBytes();
        if (length == 0) {
            listener.frameCorrupt("an empty video payload");
            return;
        }
        Findings findings = new Findings();
        List<Object> frames = new ArrayList<>(1);
        try {
            new JpegFrameDecoder(maxFrameSize, findings).decode(ctx, payload, frames);
            String problem = findings.problem(frames.size(), payload.readableBytes(), length);
            if (problem == null) {
                out.add(frames.remove(0));
            } else if (findings.oversize) {
                listener.frameOversize(maxFrameSize);
            } else {
                listener.frameCorrupt(problem);
            }
        } finally {
            frames.forEach(ReferenceCountUtil::release);
        }
    }

    /** What the JPEG parser reported about one payload. */
    private static final class Findings implements JpegStreamListener {

        private int skipped;
        private String corrupt;
        private boolean oversize;

        @Override
        public void bytesSkipped(int count) {
            skipped += count;
        }

        @Override
        public void frameCorrupt(String reason) {
            if (corrupt == null) {
                corrupt = reason;
            }
        }

        @Override
        public void frameOversize(int maxFrameSize) {
            oversize = true;
        }

        /**
         * Why the payload is not one complete JPEG, or null if it is.
         *
         * @param frames   complete pictures found
         * @param leftOver bytes the parser kept because a picture had begun but not ended
         * @param length   the payload's length
         */
        String problem(int frames, int leftOver, int length) {
            if (oversize) {
                return "oversize";
            }
            if (corrupt != null) {
                return corrupt;
            }
            if (frames == 0 && leftOver > 0) {
                return "truncated: the video payload of " + length + " bytes ends before EOI";
            }
            if (frames == 0) {
                return "no JPEG in a video payload of " + length + " bytes";
            }
            if (frames > 1 || leftOver > 0) {
                return "more than one picture in a video payload of " + length + " bytes";
            }
            if (skipped > 0) {
                return skipped + " bytes that are no JPEG in a video payload of " + length + " bytes";
            }
            return null;
        }
    }
}
