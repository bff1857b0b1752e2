package com.aiceo.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Commit and applied instants per event id (both sides run in this JVM, so nanoTime compares). */
public final class Latencies {

    private static final Map<UUID, Long> committed = new ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
    private static final Map<UUID, Long> committedWall = new ConcurrentHashMap<>();
    private static final ConcurrentLinkedQueue<Long> relaySamples = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    private Latencies() {
    }

    public static void committed(UUID id) {
        if (recording) {
            committedWall.put(id, System.currentTimeMillis());
            committed.put(id, System.nanoTime());
        }
    }

    /** @param sentAtMillis the Kafka record's timestamp: when the relay sent it */
    public static void applied(UUID id, long sentAtMillis) {
        Long w0 = committedWall.remove(id);
        if (w0 != null) {
            relaySamples.add((sentAtMillis - w0) * 1000);
        }
        Long t0 = committed.remove(id);
        if (t0 != null) {
            samples.add(System.nanoTime() - t0);
        }
    }

    public static void record(boolean on) {
        recording = on;
    }

    public static int pending() {
        return committed.size();
    }

    public static void reset() {
        committed.clear();
        samples.clear();
        committedWall.clear();
        relaySamples.clear();
    }

    /** Sorted latencies in microseconds. */
    public static long[] sortedMicros() {
        long[] v = samples.stream().mapToLong(n -> n / 1_000).toArray();
        Arrays.sort(v);
        return v;
    }

    /** Sorted commit → sent-by-relay delays in microseconds (millisecond resolution). */
    public static long[] sortedRelayMicros() {
        long[] v = relaySamples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v;
    }

    public static double percentileMillis(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sortedMicros.length - 1, Math.ceil(p / 100.0 * sortedMicros.length) - 1);
        return sortedMicros[Math.max(0, i)] / 1000.0;
    }
}
