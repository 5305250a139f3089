package org.camrelay.component.transcode;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.Pointer;

/** Small helpers around FFmpeg's C conventions: negative error codes, NULL on allocation failure. */
final class Av {

    private Av() {
    }

    /** Returns {@code result} unless it is an FFmpeg error, which becomes an IllegalStateException. */
    static int check(int result, String operation) {
        if (result < 0) {
            throw new IllegalStateException(operation + " failed: " + describe(result));
        }
        return result;
    }

    /** Returns {@code pointer} unless the allocation that produced it failed. */
    static <P extends Pointer> P allocated(P pointer, String what) {
        if (pointer == null || pointer.isNull()) {
            throw new OutOfMemoryError("FFmpeg could not allocate " + what);
        }
        return pointer;
    }

    /** FFmpeg's text for an error code. */
    static String describe(int error) {
        byte[] text = new byte[128];
        av_strerror(error, text, text.length);
        int length = 0;
        while (length < text.length && text[length] != 0) {
            length++;
        }
        return new String(text, 0, length, StandardCharsets.UTF_8);
    }
}
