package org.camrelay.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A temporary folder for a benchmark's generated configuration and its children's logs. */
final class ScratchFolder {

    /** What a benchmark does with its scratch folder: an exit status out. */
    interface Use {
        int run(ScratchFolder scratch) throws IOException, InterruptedException;
    }

    private final Path path;

    private ScratchFolder(Path path) {
        this.path = path;
    }

    static ScratchFolder create(String prefix) throws IOException {
        return new ScratchFolder(Files.createTempDirectory(prefix));
    }

    /**
     * Runs {@code use} with a new folder, which is deleted if it returns 0; an {@link IOException} from it is said on
     * {@code err} as {@code bench COMMAND: ...}, with the folder it leaves for a look at the logs, and returns 1.
     */
    static int use(String command, PrintStream err, Use use) throws InterruptedException {
        ScratchFolder scratch = null;
        try {
            scratch = create("camrelay-bench-" + command);
            int status = use.run(scratch);
            if (status == 0) {
                scratch.delete();
            }
            return status;
        } catch (IOException e) {
            err.println("bench " + command + ": " + e.getMessage() + (scratch == null ? "" : " (files kept in " + scratch
                    + ")"));
            return 1;
        }
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    /** Deletes the folder; called after a run that went well, a failed run keeps its logs. */
    void delete() throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(path)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path each : paths) {
            Files.deleteIfExists(each);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
