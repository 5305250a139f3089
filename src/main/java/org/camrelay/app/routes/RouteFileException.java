package org.camrelay.app.routes;

/** Why a route file was refused, and where in it. */
final class RouteFileException extends Exception {

    private final String file;
    private final int line;

    RouteFileException(String file, int line, String problem) {
        super(problem);
        this.file = file;
        this.line = line;
    }

    String file() {
        return file;
    }

    /** The line of the problem, or 0 when it concerns the whole file. */
    int line() {
        return line;
    }

    /** {@code routes/lobby.xml:12}, or just the file when no line is known. */
    String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
