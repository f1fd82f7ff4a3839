package nl.haven.statistics.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.haven.cases.CaseProfile;
import nl.haven.cases.CaseProfileChanged;
import nl.haven.policy.Group;
import nl.haven.policy.PolicyEngine;
import nl.haven.statistics.Dimension;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the statistics' counts in step with the cases, inside the transaction that changes a case (a synchronous
 * listener: the profile is never written down per case, not even in an event publication log). A change takes one from
 * the buckets of the case's old profile and adds one to those of the new; buckets that stay the same are not touched.
 * Updates go in key order, so two transactions never wait for each other in a circle.
 *
 * <p>The counts are written just before the commit, as the transaction's last statements: every case change of an
 * organisation updates the same few rows, and a transaction holds their locks until it ends, so the later they are
 * taken the less the organisation's changes wait for each other (measured under intake load: benchmarks/RESULTS.md,
 * "Intake throughput"). A failure here still rolls the whole change back. Without a transaction (none of Haven's
 * writers) the counts are written at once.
 */
@Component
class CaseCounting {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> GROUP_CODES;

    static {
        Set<String> codes = new TreeSet<>();
        for (Group g : Group.values()) {
            codes.add(g.code());
        }
        codes.add(Group.ALL);
        GROUP_CODES = Set.copyOf(codes);
    }

    private final CountStore store;
    private final PolicyEngine engine;

    CaseCounting(CountStore store, PolicyEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    private record RequestKey(UUID org, int year, String dimension, String bucket) implements Comparable<RequestKey> {
        @Override
        public int compareTo(RequestKey o) {
            return (org + "|" + year + "|" + dimension + "|" + bucket).compareTo(o.org + "|" + o.year + "|" + o.dimension + "|" + o.bucket);
        }
    }

    private record OpenKey(UUID org, String nationality, String groups, String facts) implements Comparable<OpenKey> {
        @Override
        public int compareTo(OpenKey o) {
            return (org + "|" + nationality + "|" + groups + "|" + facts).compareTo(o.org + "|" + o.nationality + "|" + o.groups + "|" + o.facts);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(CaseProfileChanged change) {
        Map<RequestKey, Long> requests = new TreeMap<>();
        Map<OpenKey, Long> open = new TreeMap<>();
        count(change.before(), -1, requests, open);
        count(change.after(), +1, requests, open);
        requests.forEach((key, delta) -> {
            if (delta != 0) {
                store.addRequests(key.org(), key.year(), key.dimension(), key.bucket(), delta);
            }
        });
        open.forEach((key, delta) -> {
            if (delta != 0) {
                store.addOpen(key.org(), key.nationality(), key.groups(), key.facts(), delta);
            }
        });
    }

    private void count(@Nullable CaseProfile profile, long delta, Map<RequestKey, Long> requests, Map<OpenKey, Long> open) {
        if (profile == null) {
            return;
        }
        for (Dimension d : Dimension.values()) {
            requests.merge(new RequestKey(profile.org(), profile.opened().getYear(), d.code(), d.keyOf(profile)), delta, Long::sum);
        }
        if (profile.open()) {
            open.merge(new OpenKey(profile.org(), nationality(profile.nationality()), groups(profile), facts(profile)), delta, Long::sum);
        }
    }

    static String nationality(@Nullable String nationality) {
        return nationality != null && COUNTRY.matcher(nationality).matches() ? nationality : "";
    }

    /** Known group codes only, sorted and without repeats: nothing a person typed goes into these tables. */
    static String groups(CaseProfile profile) {
        Set<String> codes = new TreeSet<>();
        for (String g : profile.groups()) {
            String code = g.strip().toLowerCase(Locale.ROOT);
            if (GROUP_CODES.contains(code)) {
                codes.add(code);
            }
        }
        return String.join(",", codes);
    }

    /** Fact codes of the policy data set only, sorted and without repeats. */
    String facts(CaseProfile profile) {
        Set<String> codes = new TreeSet<>();
        for (String f : profile.facts()) {
            String code = f.strip().toLowerCase(Locale.ROOT);
            if (engine.dataSet().facts().containsKey(code)) {
                codes.add(code);
            }
        }
        String joined = String.join(",", codes);
        return joined.length() > 1000 ? joined.substring(0, joined.lastIndexOf(',', 1000)) : joined;
    }
}
