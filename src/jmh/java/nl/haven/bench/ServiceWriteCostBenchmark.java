package nl.haven.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import nl.haven.cases.CaseText;
import nl.haven.cases.internal.CaseConversation;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of encryption and of the audit log on Haven's own writes, as a caseworker's request makes them: the same
 * service method with both, with one taken out, and with neither ({@link Ablation}: the real {@code Protection} or
 * {@code AuditLog} replaced by a pass-through, the code path otherwise unchanged). Complements
 * {@link WriteCostBenchmark}, whose write is a bare one-row insert.
 *
 * <ul>
 *   <li>{@link #noteAdded}: {@link CaseConversation#addNote} — lock the case row (in the caseworker's scope), insert the note
 *       (a 200-byte text, encrypted under the case's key), insert the timeline event, record {@code case.note-added};</li>
 *   <li>{@link #caseOpened}: {@link CaseOpening#open} — a new case with its keys, encrypted details and
 *       {@code case.opened}.</li>
 * </ul>
 *
 * Ratios: encryption's cost is {@code without=audit} over {@code without=both}, the audit's is {@code without=encryption}
 * over {@code without=both}, both together {@code none} over {@code both}.
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec -Djmh.args="ServiceWriteCostBenchmark -p database=postgresql"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class ServiceWriteCostBenchmark {
    @Param({ "none", "encryption", "audit", "both" })
    public String without;

    @Param("postgresql")
    public String database;

    private WriteCostPairs.Side side;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        side = WriteCostPairs.Side.start(database, Ablation.parse(without));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        side.close();
    }

    @Benchmark
    public CaseText noteAdded() {
        return side.conversation().addNote(side.caseworker(), side.caseId(), WriteCostBenchmark.TEXT);
    }

    @Benchmark
    public CaseView caseOpened() {
        return side.opening().open(side.caseworker(), WriteCostPairs.Side.newCase());
    }
}
