package cn.sanling.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap of a JVM over a window, through its platform MBeans (in practice the ledger's own application process,
 * {@link AppProcess}): the highest heap in use right after a collection (the live set, which is what "constant
 * memory" is about) and the highest sampled heap in use (including garbage not yet collected, which mostly reflects
 * how large the collector lets the young generation grow).
 */
final class HeapWatch implements AutoCloseable {

    private final MBeanServerConnection mbeans;
    private final List<ObjectName> collectors = new ArrayList<>();
    private final NotificationListener listener;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long maxAfterGc = -1;
    private volatile long maxSampled;
    private volatile int collections;

    HeapWatch(MBeanServerConnection mbeans) throws IOException, MalformedObjectNameException, InstanceNotFoundException {
        this.mbeans = mbeans;
        listener = (Notification n, Object handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (isHeap(e.getKey())) {
                    used += e.getValue().getUsed();
                }
            }
            collections++;
            if (used > maxAfterGc) {
                maxAfterGc = used;
            }
        };
        for (ObjectName gc : mbeans.queryNames(
                new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)) {
            mbeans.addNotificationListener(gc, listener, null, null);
            collectors.add(gc);
        }
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        sampler = new Thread(() -> {
            while (running) {
                try {
                    long used = memory.getHeapMemoryUsage().getUsed();
                    if (used > maxSampled) {
                        maxSampled = used;
                    }
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException gone) {
                    // the connection closed under a last sample
                    return;
                }
            }
        }, "bench-heap");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static boolean isHeap(String pool) {
        return pool.contains("Eden") || pool.contains("Survivor") || pool.contains("Old") || pool.contains("Tenured")
                || pool.contains("Humongous");
    }

    /** MB: live set peak if a collection happened in the window, else the sampled peak. */
    double peakLiveMb() {
        return (maxAfterGc >= 0 ? maxAfterGc : maxSampled) / 1048576.0;
    }

    double peakSampledMb() {
        return maxSampled / 1048576.0;
    }

    int collections() {
        return collections;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ObjectName gc : collectors) {
            try {
                mbeans.removeNotificationListener(gc, listener);
            } catch (Exception ignored) {
                // already gone
            }
        }
    }
}
