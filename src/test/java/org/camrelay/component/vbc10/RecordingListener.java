package org.camrelay.component.vbc10;

import java.util.ArrayList;
import java.util.List;

/** Records what the decoders report. */
final class RecordingListener implements JpegStreamListener {

    long skipped;
    final List<String> corrupt = new ArrayList<>();
    int oversize;

    @Override
    public void bytesSkipped(int count) {
        skipped += count;
    }

    @Override
    public void frameCorrupt(String reason) {
        corrupt.add(reason);
    }

    @Override
    public void frameOversize(int maxFrameSize) {
        oversize++;
    }
}
