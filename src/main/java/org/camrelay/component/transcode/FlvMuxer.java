package org.camrelay.component.transcode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's FLV muxer writing into memory through a custom, write-only, non-seekable AVIOContext.
 * <p>
 * There is no trailer: a live stream has no end, and the trailer's end-of-sequence tag would reach nobody.
 */
final class FlvMuxer implements AutoCloseable {

    /**
     * Big enough for the whole file header: the muxer seeks back into its onMetaData tag to fill in sizes,
     * which on a non-seekable output works only while those bytes are still in the buffer.
     */
    private static final int IO_BUFFER_SIZE = 64 * 1024;

    private final FlvOutput output = new FlvOutput(); // written to until the AVIOContext is freed
    private final AVFormatContext format = new AVFormatContext(null);
    private AVIOContext io;
    private final byte[] header;

    /** Sets up one video stream as {@code encoder} describes it and writes the file header. */
    FlvMuxer(AVCodecContext encoder) {
        try {
            Av.check(avformat_alloc_output_context2(format, null, "flv", null), "creating the FLV muxer");
            BytePointer buffer = new BytePointer(Av.allocated(av_malloc(IO_BUFFER_SIZE), "an I/O buffer"));
            io = avio_alloc_context(buffer, IO_BUFFER_SIZE, 1, output.opaque(),
                    (Read_packet_Pointer_BytePointer_int) null, MuxerWriteCallback.INSTANCE, (Seek_Pointer_long_int) null);
            if (io == null) {
                av_free(buffer);
                throw new OutOfMemoryError("FFmpeg could not allocate an I/O context");
            }
            format.pb(io);
            AVStream stream = Av.allocated(avformat_new_stream(format, null), "a stream");
            Av.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "describing the stream");
            // Goes into onMetaData as "framerate". Without it players guess the rate from the shortest gap
            // between frames, and a 6 fps camera limited to 4 fps has gaps of 1/6 s and 1/3 s.
            stream.avg_frame_rate(encoder.framerate());
            // no seeking back at the end to fill in duration and file size: there is no end, and no seeking
            Av.check(av_opt_set(format.priv_data(), "flvflags", "no_duration_filesize", 0), "setting flvflags");
            Av.check(avformat_write_header(format, (AVDictionary) null), "writing the FLV header");
            AVRational timeBase = stream.time_base();
            if (timeBase.num() != 1 || timeBase.den() != 1000) { // FLV's own, so that packets can carry milliseconds
                throw new IllegalStateException("FLV stream time base is " + timeBase.num() + "/" + timeBase.den());
            }
            avio_flush(io);
            header = output.takeAll();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The FLV file header, the PreviousTagSize0 and the header tags (onMetaData, the H.264 sequence header). */
    byte[] header() {
        return header;
    }

    /**
     * Muxes one encoded packet at {@code timestampMillis}, which must be later than the previous packet's; returns
     * its tags, whole. The packet stays the caller's.
     */
    List<FlvTag> write(AVPacket packet, long timestampMillis) {
        boolean keyframe = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        packet.stream_index(0).pts(timestampMillis).dts(timestampMillis).duration(0);
        Av.check(av_write_frame(format, packet), "muxing a packet");
        avio_flush(io); // hand everything to the callback now, so that no tag is left half in the buffer
        return output.takeTags(keyframe);
    }

    @Override
    public void close() {
        avformat_free_context(format); // also runs the muxer's deinit; it never frees a custom pb
        format.setNull(); // avformat_free_context cannot clear our copy of the address
        if (io != null && !io.isNull()) {
            av_free(io.buffer()); // AVIO may have replaced the buffer we gave it: free the current one
            avio_context_free(io);
        }
        output.close();
    }
}
