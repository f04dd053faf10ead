package io.agentmeter.cli.bench;

import com.sun.management.GcInfo;
import com.sun.management.OperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * One JVM of the system, read from outside over JMX: the benchmark attaches to it (the Attach API, what {@code jcmd}
 * uses) and starts its local management agent, so nothing in the measured JVM has to be configured for it.
 *
 * <p><b>Heap after GC</b> is measured the way {@code jcmd <pid> GC.run} followed by {@code GC.heap_info} would, without
 * the race between the two: {@link MemoryMXBean#gc()} (a {@code System.gc()}: with G1 and no
 * {@code -XX:+ExplicitGCInvokesConcurrent}, a full, compacting, stop-the-world collection), then the heap pools' usage
 * <em>after that collection</em> as the collector recorded it ({@link GcInfo#getMemoryUsageAfterGc()} of the collector
 * whose count went up). That is the live set: what a leak makes grow. The JMX connection is kept for the whole run, so
 * its own objects in the measured JVM stay the same.
 */
final class JvmProbe implements AutoCloseable {

    /** One reading; the sizes are in MB, CPU in percent of one core since the previous reading. */
    record Reading(long pid, double heapAfterGcMb, double heapCommittedMb, double gcPauseMs, double metaspaceMb,
                   double directMb, int threads, int classes, double rssMb, double cpuPercent) {
    }

    private static final double MB = 1024.0 * 1024.0;

    private final String name;
    private long pid = -1;
    private JMXConnector connector;
    private MBeanServerConnection mbeans;
    private long lastCpuNanos = -1;
    private long lastAtNanos;

    JvmProbe(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Forces a full GC in process {@code pid} and reads it; reconnects when the pid changed (a restarted service). */
    Reading read(long pid) throws Exception {
        if (pid != this.pid || connector == null) {
            connect(pid);
        }
        try {
            return measure();
        } catch (IOException e) {
            // the connection broke (the process restarted between two readings): once more on a fresh one
            connect(pid);
            return measure();
        }
    }

    private void connect(long pid) throws Exception {
        close();
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        mbeans = connector.getMBeanServerConnection();
        this.pid = pid;
        lastCpuNanos = -1;
    }

    private Reading measure() throws Exception {
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        Set<String> heapPools = new HashSet<>();
        double metaspace = 0;
        for (ObjectName pool : mbeans.queryNames(new ObjectName(ManagementFactory.MEMORY_POOL_MXBEAN_DOMAIN_TYPE
                + ",*"), null)) {
            MemoryPoolMXBean bean = ManagementFactory.newPlatformMXBeanProxy(mbeans, pool.toString(),
                    MemoryPoolMXBean.class);
            if (bean.getType() == MemoryType.HEAP) {
                heapPools.add(bean.getName());
            } else if (bean.getName().equals("Metaspace")) {
                metaspace = bean.getUsage().getUsed() / MB;
            }
        }
        List<com.sun.management.GarbageCollectorMXBean> collectors = new ArrayList<>();
        for (ObjectName gc : mbeans.queryNames(new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE
                + ",*"), null)) {
            collectors.add(ManagementFactory.newPlatformMXBeanProxy(mbeans, gc.toString(),
                    com.sun.management.GarbageCollectorMXBean.class));
        }
        Map<String, Long> countsBefore = new HashMap<>();
        for (com.sun.management.GarbageCollectorMXBean gc : collectors) {
            countsBefore.put(gc.getName(), gc.getCollectionCount());
        }

        memory.gc();

        double heapAfterGc = -1;
        double pauseMs = -1;
        for (com.sun.management.GarbageCollectorMXBean gc : collectors) {
            if (gc.getCollectionCount() > countsBefore.get(gc.getName())) {
                GcInfo info = gc.getLastGcInfo();
                if (info != null && info.getId() > 0) {
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(pool.getKey())) {
                            used += pool.getValue().getUsed();
                        }
                    }
                    // the full collector (G1 Old Generation) ran last; a young one may have run just before it
                    if (heapAfterGc < 0 || gc.getName().contains("Old") || gc.getName().contains("MarkSweep")) {
                        heapAfterGc = used / MB;
                        pauseMs = info.getDuration();
                    }
                }
            }
        }
        MemoryUsage heap = memory.getHeapMemoryUsage();
        if (heapAfterGc < 0) {
            heapAfterGc = heap.getUsed() / MB; // no collector reported the GC: right after it, a close upper bound
        }
        double direct = 0;
        for (ObjectName pool : mbeans.queryNames(new ObjectName("java.nio:type=BufferPool,*"), null)) {
            BufferPoolMXBean bean = ManagementFactory.newPlatformMXBeanProxy(mbeans, pool.toString(),
                    BufferPoolMXBean.class);
            if (bean.getName().equals("direct")) {
                direct = bean.getMemoryUsed() / MB;
            }
        }
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
        ClassLoadingMXBean classes = ManagementFactory.newPlatformMXBeanProxy(mbeans,
                ManagementFactory.CLASS_LOADING_MXBEAN_NAME, ClassLoadingMXBean.class);
        OperatingSystemMXBean os = ManagementFactory.newPlatformMXBeanProxy(mbeans,
                ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, OperatingSystemMXBean.class);
        long cpu = os.getProcessCpuTime();
        long now = System.nanoTime();
        double cpuPercent = lastCpuNanos < 0 ? Double.NaN : 100.0 * (cpu - lastCpuNanos) / (now - lastAtNanos);
        lastCpuNanos = cpu;
        lastAtNanos = now;
        return new Reading(pid, heapAfterGc, heap.getCommitted() / MB, pauseMs, metaspace, direct,
                threads.getThreadCount(), classes.getLoadedClassCount(), rssMb(pid), cpuPercent);
    }

    /** VmRSS of /proc/{pid}/status (Linux), in MB; NaN elsewhere. */
    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return Double.NaN;
    }

    /**
     * {@code jcmd <pid> GC.class_histogram} (which collects first, so it counts live objects) into {@code file};
     * returns bytes per class.
     */
    static Map<String, Long> classHistogram(long pid, Path file) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).redirectOutput(file.toFile()).start();
        if (!jcmd.waitFor(120, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.class_histogram did not answer within 120 s");
        }
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            // "   1:        123456       7890123  java.lang.String (java.base@17.0.15)"
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":") && parts[0].length() > 1
                    && Character.isDigit(parts[0].charAt(0))) {
                try {
                    bytes.merge(parts[3], Long.parseLong(parts[2]), Long::sum);
                } catch (NumberFormatException ignored) {
                    // the header or the total line
                }
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // the process is gone
            }
            connector = null;
            mbeans = null;
        }
    }
}
