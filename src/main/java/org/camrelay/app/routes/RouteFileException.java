package org.camrelay.app.routes;

/** Why a route file was refused, and where in it. */
final class RouteFileException extends Exception {

    private final String location;

    RouteFileException(String file, int line, String problem) {
        super(problem);
        this.location = line > 0 ? file + ":" + line : file;
    }

    /** {@code routes/lobby.xml:12}, or just the file when no line is known. */
    String location() {
        return location;
    }
}
