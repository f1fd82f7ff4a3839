package nl.haven.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent between two readings, from Linux's {@code /proc}: this JVM's own (user + system) and the whole
 * machine's (every process: server, database, load generator). On a CPU-bound machine, CPU time per request says
 * where a rate comes from more steadily than the rate itself. Elsewhere than Linux the readings are zero.
 */
record CpuMeter(long jvmTicks, long machineTicks) {
    /** Linux's USER_HZ: the unit of {@code /proc}'s times on every common architecture. */
    private static final double TICKS_PER_SECOND = 100;

    static CpuMeter now() {
        return new CpuMeter(jvm(), machine());
    }

    /** Milliseconds of CPU per {@code requests} since {@code start}: {jvm, machine}. */
    double[] millisPer(CpuMeter start, long requests) {
        double per = requests == 0 ? 0 : 1000 / TICKS_PER_SECOND / requests;
        return new double[] { (jvmTicks - start.jvmTicks) * per, (machineTicks - start.machineTicks) * per };
    }

    private static long jvm() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // After the command name in parentheses: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long machine() {
        try {
            // cpu user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
