package org.camrelay.component.vbc10;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.util.Locale;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;

/** Turns why a connection to a camera failed into a few words for a log line or a status page. */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** A short description of a connection failure, fit for a log line: no stack trace, no credentials. */
    public static String describe(Throwable failure) {
        if (failure instanceof DecoderException && failure.getCause() != null) {
            return describe(failure.getCause());
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        if (failure instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (failure instanceof ConnectException) {
            return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : "cannot connect: " + message;
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        if (failure instanceof ProtocolException) {
            return message;
        }
        if (failure instanceof DecoderException) {
            return "undecodable data: " + message;
        }
        if (failure instanceof IOException && message.startsWith("Connection reset")) {
            return "connection reset by the camera"; // "Connection reset" or "... by peer", as the JDK and OS have it
        }
        if (failure instanceof IOException) {
            return "I/O error: " + message;
        }
        return failure.toString();
    }
}
