package org.camrelay.component.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlvOutputTest {

    private final FlvOutput output = new FlvOutput();

    @AfterEach
    void free() {
        output.close();
    }

    @Test
    void returnsATagOnlyOnceAllOfItHasBeenWritten() {
        byte[] tag = tag(9, 0x12_345678L, 100);

        write(Arrays.copyOfRange(tag, 0, 5));
        assertThat(output.takeTags(true)).isEmpty();
        write(Arrays.copyOfRange(tag, 5, tag.length - 1));
        assertThat(output.takeTags(true)).isEmpty();
        write(Arrays.copyOfRange(tag, tag.length - 1, tag.length));
        List<FlvTag> tags = output.takeTags(true);

        assertThat(tags).singleElement().satisfies(whole -> {
            assertThat(whole.bytes()).isEqualTo(tag);
            assertThat(whole.keyframe()).isTrue();
            assertThat(whole.timestampMillis()).as("with the extended timestamp byte").isEqualTo(0x12_345678L);
        });
    }

    @Test
    void splitsSeveralTagsWrittenAtOnceAndKeepsTheRest() {
        byte[] first = tag(9, 40, 3);
        byte[] second = tag(9, 80, 70_000); // larger than the initial buffer
        byte[] third = tag(9, 120, 10);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(first);
        all.writeBytes(second);
        all.writeBytes(Arrays.copyOf(third, 7));

        write(all.toByteArray());
        List<FlvTag> tags = output.takeTags(false);
        write(Arrays.copyOfRange(third, 7, third.length));

        assertThat(tags).extracting(FlvTag::bytes).containsExactly(first, second);
        assertThat(tags).extracting(FlvTag::timestampMillis).containsExactly(40L, 80L);
        assertThat(output.takeTags(false)).extracting(FlvTag::bytes).containsExactly(third);
    }

    @Test
    void takeAllReturnsEverythingWrittenOnce() {
        byte[] header = {'F', 'L', 'V', 1, 1, 0, 0, 0, 9, 0, 0, 0, 0};

        write(header);

        assertThat(output.takeAll()).isEqualTo(header);
        assertThat(output.takeAll()).isEmpty();
    }

    private void write(byte[] bytes) {
        try (BytePointer data = new BytePointer(bytes)) {
            assertThat(output.write(data, bytes.length)).isEqualTo(bytes.length);
        }
    }

    /** A tag of {@code dataSize} bytes of data, with its PreviousTagSize. */
    private static byte[] tag(int type, long timestamp, int dataSize) {
        byte[] tag = new byte[11 + dataSize + 4];
        tag[0] = (byte) type;
        putUnsigned(tag, 1, 3, dataSize);
        putUnsigned(tag, 4, 3, timestamp & 0xFF_FFFF);
        tag[7] = (byte) (timestamp >> 24);
        Arrays.fill(tag, 11, 11 + dataSize, (byte) 0xAB);
        putUnsigned(tag, 11 + dataSize, 4, 11 + dataSize);
        return tag;
    }

    private static void putUnsigned(byte[] bytes, int offset, int length, long value) {
        for (int i = length - 1; i >= 0; i--, value >>= 8) {
            bytes[offset + i] = (byte) value;
        }
    }
}
