package org.camrelay.app.routes;

/**
 * A file of the routes folder whose current text was refused, as operators see it on {@code /status} and
 * {@code /api/cameras} until the file is fixed or removed.
 *
 * @param file        the file, relative to the working folder when it is below it, e.g. {@code routes/lobby.xml}
 * @param line        the line of the problem, or 0 when it concerns the whole file
 * @param reason      what is wrong, e.g. {@code unknown parameter 'colour' for template 'camera', ...}
 * @param sinceMillis when the file was first refused (epoch milliseconds), kept while it stays refused through
 *                    further edits
 */
public record RefusedRouteFile(String file, int line, String reason, long sinceMillis) {

    /** {@code routes/lobby.xml:8}, or the file alone when no line is known. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
