package nl.haven.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark's cross-check without any timing: {@code mvn -Pbenchmarks test}. */
class PolicyCrossCheckTests {
    private static PolicyEngine engine;
    private static DmnPolicy dmn;

    @BeforeAll
    static void build() {
        engine = new PolicyEngine(PolicyDataSet.shipped());
        dmn = new DmnPolicy();
    }

    @Test
    void benchmarkInputsDecideAlike() {
        CrossCheck.Coverage coverage = CrossCheck.check(engine, dmn, BenchmarkInputs.standard(engine));
        System.out.println("benchmark inputs: " + coverage);
        assertTrue(coverage.queries() >= 1000);
        assertEquals(BenchmarkInputs.COUNT, coverage.queries());
    }

    @Test
    void boundaryGridDecidesAlike() {
        CrossCheck.Coverage coverage = CrossCheck.check(engine, dmn, BenchmarkInputs.boundaryGrid(engine));
        System.out.println("boundary grid: " + coverage);
        assertTrue(coverage.provisionsNeverApplied().isEmpty(), "every provision applies somewhere in the grid");
        assertTrue(coverage.statementsNeverShown().isEmpty(), "every statement about the lists is shown somewhere in the grid");
    }
}
