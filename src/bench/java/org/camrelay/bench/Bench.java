package org.camrelay.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.camrelay.bench.heap.IdleViewerHeap;
import org.camrelay.bench.jmh.JmhCommand;

/**
 * {@code java -jar target/camrelay-bench.jar NAME [options]}: runs one benchmark and prints its figures. The benchmarks
 * are a jar of their own beside {@code camrelay.jar}, never part of it.
 */
public final class Bench {

    /** A benchmark's entry point: its arguments in, an exit status out. */
    interface Command {
        int run(String[] args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new TreeMap<>(Map.of(
            "cameras", CamerasPerNode::run,
            "fanout", FanoutBench::run,
            "idle-viewer-heap", IdleViewerHeap::run,
            "jmh", JmhCommand::run,
            "load", LoadGenerator::run,
            "peer", PeerBench::run,
            "socket-floor", SocketFloor::run,
            "transcode-soak", TranscodeSoak::run,
            "transcode-vs-ffmpeg", TranscodeVsFfmpeg::run));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String[] args) throws Exception {
        Command command = args.length == 0 ? null : COMMANDS.get(args[0]);
        if (command == null) {
            System.err.println("usage: java -jar target/camrelay-bench.jar {" + String.join("|", COMMANDS.keySet())
                    + "} [options]");
            return 2;
        }
        return command.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
