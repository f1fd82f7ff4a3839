package nl.haven.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.haven.policy.Assessment;
import nl.haven.policy.AssessmentQuery;
import nl.haven.policy.ListStatement;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.Provision;

/**
 * Proves that the three implementations decide alike: for every query, Haven's {@code PolicyEngine.assess}, the
 * hand-written method and the DMN model must give an equal {@link HandWrittenPolicy.Result} (standard, riskGroup,
 * safeCountryListed, safeCountryException, safeCountryApplied, the id of the statement stopping the listing,
 * relocationConsidered, the sorted ids of all applying provisions and the ids of the list statements shown).
 * Run by the benchmark's setup, by {@code PolicyCrossCheckTests} and by {@link #main}.
 */
public final class CrossCheck {

    /** What the check saw: how many queries, and how often each answer and each provision occurred. */
    public record Coverage(int queries, Map<String, Integer> standards, int listed, int exception, int applied, Map<String, Integer> stoppedBy,
            Map<String, Integer> statements, int relocation, Map<String, Integer> provisions, List<String> provisionsNeverApplied,
            List<String> statementsNeverShown) {

        @Override
        public String toString() {
            return queries + " queries; standards " + standards + "; safe-country listed " + listed + ", with exception " + exception
                    + ", applied " + applied + ", stopped by " + stoppedBy + "; statements shown " + statements + "; relocation considered "
                    + relocation + "; " + provisions.size() + " provisions applied at least once"
                    + (provisionsNeverApplied.isEmpty() ? "" : ", never: " + provisionsNeverApplied)
                    + (statementsNeverShown.isEmpty() ? "" : "; statements never shown: " + statementsNeverShown);
        }
    }

    private CrossCheck() {
    }

    /** Haven's assessment reduced to the common result. */
    public static HandWrittenPolicy.Result of(Assessment a) {
        return new HandWrittenPolicy.Result(a.standard(), a.riskGroup(), a.safeCountryListed(), a.safeCountryException(), a.safeCountryApplied(),
                a.listingStoppedBy() == null ? null : a.listingStoppedBy().id(), a.relocationConsidered(),
                a.provisions().stream().map(Provision::id).sorted().toList(), a.listStatements().stream().map(ListStatement::id).toList());
    }

    /** Checks every query; throws an {@link AssertionError} naming the first differing inputs and all three answers. */
    public static Coverage check(PolicyEngine engine, DmnPolicy dmn, List<AssessmentQuery> queries) {
        List<String> differences = new ArrayList<>();
        int differing = 0;
        Map<String, Integer> standards = new TreeMap<>();
        Map<String, Integer> provisions = new TreeMap<>();
        int listed = 0;
        int exception = 0;
        int relocation = 0;
        int applied = 0;
        Map<String, Integer> stoppedBy = new TreeMap<>();
        Map<String, Integer> statements = new TreeMap<>();
        for (AssessmentQuery q : queries) {
            HandWrittenPolicy.Result haven = of(engine.assess(q));
            HandWrittenPolicy.Result handWritten = HandWrittenPolicy.assess(q);
            HandWrittenPolicy.Result dmn1 = DmnPolicy.toResult(dmn.evaluate(DmnPolicy.Input.of(q)));
            if (!haven.equals(handWritten) || !haven.equals(dmn1)) {
                if (differing++ < 20) {
                    differences.add("input " + q + "\n  haven:       " + haven + "\n  handWritten: " + handWritten + "\n  dmn:         " + dmn1);
                }
            }
            standards.merge(haven.standard().name(), 1, Integer::sum);
            haven.provisions().forEach(id -> provisions.merge(id, 1, Integer::sum));
            listed += haven.safeCountryListed() ? 1 : 0;
            exception += haven.safeCountryException() ? 1 : 0;
            relocation += haven.relocationConsidered() ? 1 : 0;
            applied += haven.safeCountryApplied() ? 1 : 0;
            if (haven.listingStoppedBy() != null) {
                stoppedBy.merge(haven.listingStoppedBy(), 1, Integer::sum);
            }
            haven.listStatements().forEach(id -> statements.merge(id, 1, Integer::sum));
        }
        if (differing > 0) {
            String message = "CROSS-CHECK FAILED: " + differing + " of " + queries.size() + " inputs differ (first "
                    + differences.size() + " below)\n" + String.join("\n", differences);
            System.err.println(message);
            throw new AssertionError(message);
        }
        TreeSet<String> never = new TreeSet<>();
        engine.dataSet().provisions().forEach(p -> never.add(p.id()));
        never.removeAll(provisions.keySet());
        TreeSet<String> neverShown = new TreeSet<>();
        engine.dataSet().listStatements().forEach(s -> neverShown.add(s.id()));
        neverShown.removeAll(statements.keySet());
        return new Coverage(queries.size(), standards, listed, exception, applied, stoppedBy, statements, relocation, provisions,
                List.copyOf(never), List.copyOf(neverShown));
    }

    /** Cross-checks the benchmark's inputs and the boundary grid; exits with 1 on a difference. */
    public static void main(String[] args) {
        PolicyEngine engine = new PolicyEngine(PolicyDataSet.shipped());
        DmnPolicy dmn = new DmnPolicy();
        try {
            System.out.println("benchmark inputs: " + check(engine, dmn, BenchmarkInputs.standard(engine)));
            System.out.println("boundary grid:    " + check(engine, dmn, BenchmarkInputs.boundaryGrid(engine)));
        } catch (AssertionError e) {
            System.exit(1);
        }
    }
}
