package org.camrelay.bench.heap;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects of the heap by class, as {@code jcmd PID GC.class_histogram} prints them: taking it runs a full GC
 * first, so the totals are what is reachable, not what happens to be allocated.
 *
 * @param byClass    instances and bytes of each class, by class name
 * @param totalBytes the sum over all classes
 */
record HeapHistogram(Map<String, Usage> byClass, long totalBytes) {

    /** One line: {@code "   1:   12345   678900  [B (java.base@17)"}. */
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Instances and bytes of one class, or the change of both between two histograms. */
    record Usage(String className, long instances, long bytes) {
    }

    /** This JVM's histogram, through the same diagnostic command jcmd runs, after a full GC. */
    static HeapHistogram ofThisJvm() {
        return parse(takeText());
    }

    /**
     * Takes this JVM's histogram and keeps it in a file: a histogram held in the heap until the next one is taken
     * would be counted in it (some hundred kilobytes of class names).
     */
    static Path ofThisJvmToFile() throws IOException {
        Path file = Files.createTempFile("camrelay-heap-", ".txt");
        Files.writeString(file, takeText());
        return file;
    }

    /** Reads a histogram saved by {@link #ofThisJvmToFile()} and deletes the file. */
    static HeapHistogram ofFile(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } finally {
            Files.delete(file);
        }
    }

    private static String takeText() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] { new String[0] }, new String[] { String[].class.getName() });
        } catch (JMException e) {
            throw new IllegalStateException("this JVM cannot take a class histogram", e);
        }
    }

    static HeapHistogram parse(String text) {
        Map<String, Usage> byClass = new HashMap<>();
        long total = 0;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                Usage usage = new Usage(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                // The same name twice means two class loaders; their counts add up.
                byClass.merge(usage.className(), usage, (a, b) -> new Usage(a.className(),
                        a.instances() + b.instances(), a.bytes() + b.bytes()));
                total += usage.bytes();
            }
        }
        if (byClass.isEmpty()) {
            throw new IllegalArgumentException("not a class histogram: "
                    + text.substring(0, Math.min(200, text.length())));
        }
        return new HeapHistogram(Map.copyOf(byClass), total);
    }

    /** What each class gained since {@code before} (negative when it lost), largest gain in bytes first. */
    List<Usage> growthSince(HeapHistogram before) {
        Set<String> names = new HashSet<>(byClass.keySet());
        names.addAll(before.byClass.keySet());
        List<Usage> growth = new ArrayList<>();
        for (String name : names) {
            Usage now = byClass.getOrDefault(name, new Usage(name, 0, 0));
            Usage then = before.byClass.getOrDefault(name, new Usage(name, 0, 0));
            if (now.bytes() != then.bytes() || now.instances() != then.instances()) {
                growth.add(new Usage(name, now.instances() - then.instances(), now.bytes() - then.bytes()));
            }
        }
        growth.sort(Comparator.comparingLong(Usage::bytes).reversed().thenComparing(Usage::className));
        return growth;
    }
}
