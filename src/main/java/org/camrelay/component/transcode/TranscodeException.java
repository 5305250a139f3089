package org.camrelay.component.transcode;

/** A frame could not be transcoded because of its content; the transcoder stays usable for the next frame. */
public class TranscodeException extends Exception {

    public TranscodeException(String message) {
        super(message);
    }
}
