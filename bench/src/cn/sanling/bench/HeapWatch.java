package cn.sanling.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap of this JVM (the application runs in it) over a window, via JMX: the highest heap in use right after a
 * collection (the live set, which is what "constant memory" is about) and the highest sampled heap in use
 * (including garbage not yet collected, which mostly reflects how large the collector lets the young generation grow).
 */
final class HeapWatch implements AutoCloseable {

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long maxAfterGc = -1;
    private volatile long maxSampled;
    private volatile int collections;

    HeapWatch() {
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
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
        sampler = new Thread(() -> {
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                if (used > maxSampled) {
                    maxSampled = used;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
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
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (Exception ignored) {
                // already gone
            }
        }
    }
}
