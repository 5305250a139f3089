package org.camrelay.component.transcode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The one write callback of every muxer's AVIOContext, which tells the {@link FlvOutput}s apart by the opaque
 * pointer FFmpeg passes back. One for all, because JavaCPP has a fixed set of ten native thunks per callback
 * class: from the eleventh callback object alive on, it hands FFmpeg a null function pointer, and FFmpeg then
 * drops whatever the muxer writes, without an error.
 */
final class MuxerWriteCallback extends Write_packet_Pointer_BytePointer_int {

    /** Holds one thunk for the life of the process. */
    static final MuxerWriteCallback INSTANCE = new MuxerWriteCallback();

    /** By the address of each output's opaque pointer. */
    private final Map<Long, FlvOutput> outputs = new ConcurrentHashMap<>();

    private MuxerWriteCallback() {
    }

    /** Routes writes with the returned opaque pointer to {@code output} until {@link #remove(Pointer)}. */
    Pointer add(FlvOutput output) {
        Pointer opaque = new BytePointer(1); // one byte of native memory: an address no other output has
        outputs.put(opaque.address(), output);
        return opaque;
    }

    void remove(Pointer opaque) {
        outputs.remove(opaque.address());
        opaque.close();
    }

    @Override
    public int call(Pointer opaque, BytePointer data, int size) {
        FlvOutput output = outputs.get(opaque.address());
        // an AVERROR: writes after the output is closed would be a bug, and the muxer would report it
        return output == null ? -1 : output.write(data, size);
    }
}
