package org.camrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux's limits on a run with many connections on one machine: each viewer holds a file descriptor in the
 * generator and one in the server (children inherit this process's limit), and a loopback port from the
 * ephemeral range, which the generator's closed connections keep in TIME_WAIT for a minute.
 *
 * @param openFiles      this process's soft limit on open files ({@code ulimit -n}); -1 when unknown
 * @param ephemeralPorts how many ports {@code ip_local_port_range} holds; -1 when unknown
 */
record ConnectionLimits(long openFiles, int ephemeralPorts, String portRange, String timeWaitReuse) {

    /** Descriptors a process needs besides its viewers': the JVM's jars, selectors, the server's camera. */
    private static final int SPARE_DESCRIPTORS = 300;

    static ConnectionLimits read() {
        long openFiles = -1;
        for (String line : lines("/proc/self/limits")) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                openFiles = "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        List<String> range = lines("/proc/sys/net/ipv4/ip_local_port_range");
        int ports = -1;
        String portRange = "unknown";
        if (!range.isEmpty()) {
            String[] bounds = range.get(0).trim().split("\\s+");
            ports = Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1;
            portRange = bounds[0] + "-" + bounds[1];
        }
        List<String> reuse = lines("/proc/sys/net/ipv4/tcp_tw_reuse");
        return new ConnectionLimits(openFiles, ports, portRange, reuse.isEmpty() ? "unknown" : reuse.get(0).trim());
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    String describe() {
        return "open files per process " + (openFiles == Long.MAX_VALUE ? "unlimited" : Long.toString(openFiles))
                + ", ephemeral ports " + ephemeralPorts + " (" + portRange + "), tcp_tw_reuse " + timeWaitReuse;
    }

    /** What would make {@code viewers} viewers at once fail, before it happens. */
    List<String> warnings(int viewers) {
        List<String> warnings = new ArrayList<>();
        if (openFiles >= 0 && openFiles < viewers + SPARE_DESCRIPTORS) {
            warnings.add("the open-files limit " + openFiles + " is below " + (viewers + SPARE_DESCRIPTORS) + " for "
                    + viewers + " viewers: connections past it fail with 'Too many open files'; raise it first"
                    + " (ulimit -n, up to the hard limit ulimit -Hn)");
        }
        if (ephemeralPorts >= 0 && ephemeralPorts < viewers + SPARE_DESCRIPTORS) {
            warnings.add("the ephemeral port range " + portRange + " holds " + ephemeralPorts + " ports, too few for "
                    + viewers + " viewers on one address: widen net.ipv4.ip_local_port_range");
        }
        return warnings;
    }
}
