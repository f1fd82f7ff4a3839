package nl.haven.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.haven.policy.Assessment;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import org.kie.dmn.api.core.DMNResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Haven's {@code PolicyEngine.assess} against a hand-written Java method hard-coding the same table and against Drools
 * DMN evaluating an equivalent decision table, on the same fixed list of {@value BenchmarkInputs#COUNT} seeded inputs.
 * Each benchmark method evaluates the next input of the list (cycling), so every method sees the same inputs in the same
 * order. The setup cross-checks all three on every input first and fails the run on any difference.
 *
 * <p>Run: {@code mvn -Pbenchmarks test-compile exec:exec}; method and results in benchmarks/RESULTS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyBenchmark {
    private static final int MASK = BenchmarkInputs.COUNT - 1;

    private PolicyDataSet dataSet;
    private PolicyEngine engine;
    private DmnPolicy dmn;
    private AssessmentQuery[] queries;
    private DmnPolicy.Input[] dmnInputs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        dataSet = PolicyDataSet.shipped();
        engine = new PolicyEngine(dataSet);
        dmn = new DmnPolicy();
        List<AssessmentQuery> list = BenchmarkInputs.standard(engine);
        queries = list.toArray(AssessmentQuery[]::new);
        dmnInputs = list.stream().map(DmnPolicy.Input::of).toArray(DmnPolicy.Input[]::new);
        if (queries.length != MASK + 1) {
            throw new IllegalStateException("expected " + (MASK + 1) + " inputs, got " + queries.length);
        }
        // Throws (and so fails the run, with the differing inputs printed) unless all three agree on every input.
        System.out.println("\ncross-check passed: " + CrossCheck.check(engine, dmn, list));
        next = 0;
    }

    @Benchmark
    public Assessment haven() {
        return engine.assess(queries[next++ & MASK]);
    }

    @Benchmark
    public HandWrittenPolicy.Result handWritten() {
        return HandWrittenPolicy.assess(queries[next++ & MASK]);
    }

    @Benchmark
    public DMNResult dmn() {
        return dmn.evaluate(dmnInputs[next++ & MASK]);
    }

    /** For information: the decision plus the English document (explanation, summaries, sources) the API returns. */
    @Benchmark
    public AssessmentDocument havenDocument() {
        return AssessmentDocument.of(engine.assess(queries[next++ & MASK]), dataSet, "en");
    }
}
