package nl.haven.statistics;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;

/**
 * The year-end forecast of INTERFACES.md §7: counts are a Poisson process whose daily rate has the Jeffreys posterior
 * Gamma(shape = observed + 1/2, rate = d), d = the as-of date's day of the year (1 January = 1); the R = days in the
 * year − d remaining days have the Negative-Binomial predictive NB(r = observed + 1/2, p = d / (d + R)), P(K = k) =
 * Γ(k + r) / (Γ(r) k!) · p^r (1 − p)^k, and the year total is observed + K. A q-quantile is the smallest total whose
 * predictive CDF is at least q; {@code pAtLeastTarget} is P(total ≥ target). On 31 December the total is the observed
 * count. Plain Java, no Spring.
 *
 * @param target the target the probability is about, or null when none was asked
 * @param pAtLeastTarget P(total ≥ target), or null without a target
 */
public record Forecast(long observed, LocalDate asOf, int year, long median, List<Long> interval80, List<Long> interval95,
        @Nullable Long target, @Nullable Double pAtLeastTarget) {

    /** Larger counts would make the summation slow (it walks the predictive distribution term by term). */
    public static final long MAX_OBSERVED = 100_000;
    public static final long MAX_TARGET = 1_000_000_000L;

    private static final double[] QUANTILES = { 0.025, 0.10, 0.50, 0.90, 0.975 };

    public Forecast {
        interval80 = List.copyOf(interval80);
        interval95 = List.copyOf(interval95);
    }

    /** The forecast for {@code observed} requests counted from 1 January up to and including {@code asOf}. */
    public static Forecast of(long observed, LocalDate asOf, @Nullable Long target) {
        if (observed < 0 || observed > MAX_OBSERVED) {
            throw new BadInputException("observed", "observed must be a whole number from 0 to " + MAX_OBSERVED + "; got " + observed);
        }
        if (target != null && (target < 0 || target > MAX_TARGET)) {
            throw new BadInputException("target", "target must be a whole number from 0 to " + MAX_TARGET + "; got " + target);
        }
        int d = asOf.getDayOfYear();
        int remaining = asOf.lengthOfYear() - d;
        long[] q = new long[QUANTILES.length];
        Double pAtLeast = null;
        if (remaining == 0) {
            // 31 December: nothing is left to come, the total is what was observed.
            Arrays.fill(q, observed);
            if (target != null) {
                pAtLeast = observed >= target ? 1.0 : 0.0;
            }
        } else {
            double r = observed + 0.5;
            double p = (double) d / (d + remaining);
            double log1mp = Math.log1p(-p);
            double mean = r * (1 - p) / p;
            double sd = Math.sqrt(r * (1 - p)) / p;
            long tailFrom = target == null ? Long.MAX_VALUE : Math.max(0, target - observed);
            double logP = r * Math.log(p); // log P(K = 0)
            double cdf = 0;
            double head = 0;
            double tail = 0;
            int found = 0;
            for (long k = 0;; k++) {
                double pk = Math.exp(logP);
                cdf += pk;
                if (k < tailFrom) {
                    head += pk;
                } else {
                    tail += pk;
                }
                while (found < QUANTILES.length && cdf >= QUANTILES[found]) {
                    q[found++] = observed + k;
                }
                if (found == QUANTILES.length && k > mean + 10 * sd && pk < 1e-17 * cdf) {
                    // Beyond ten standard deviations the remaining mass is negligible (also for a far-away target).
                    break;
                }
                logP += Math.log((k + r) / (k + 1)) + log1mp;
            }
            if (target != null) {
                // Head and tail summed apart: no cancellation in 1 − CDF for a small probability.
                pAtLeast = tail / (head + tail);
            }
        }
        return new Forecast(observed, asOf, asOf.getYear(), q[2], List.of(q[1], q[3]), List.of(q[0], q[4]), target, pAtLeast);
    }
}
