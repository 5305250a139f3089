package org.camrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A process's CPU time and resident memory at one moment, from Linux's {@code /proc}. */
record ProcessUsage(double cpuSeconds, long rssKb) {

    private static final long CLOCK_TICKS = clockTicks();

    static ProcessUsage of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        String stat = Files.readString(proc.resolve("stat"));
        // Fields after the command name, which may hold spaces, in parentheses: utime and stime are the 12th and 13th.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long rss = 0;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new ProcessUsage((double) ticks / CLOCK_TICKS, rss);
    }

    /**
     * CPU time, user and system, of this process's children that have ended and been waited for (Java waits for
     * each as it ends): the CPU a child used, to the clock tick, once its own /proc entry is gone.
     */
    static double endedChildrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // cutime and cstime are the 16th and 17th fields.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (double) (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / CLOCK_TICKS;
    }

    /** {@code getconf CLK_TCK}; Linux's usual 100 when it cannot be asked. */
    private static long clockTicks() {
        try {
            return Long.parseLong(ChildProcess.run("getconf", List.of("getconf", "CLK_TCK"), Path.of(""),
                    Duration.ofSeconds(10)).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
