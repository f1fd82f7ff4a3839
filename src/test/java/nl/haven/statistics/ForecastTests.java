package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import nl.haven.shared.BadInputException;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.Test;

/**
 * The forecast of INTERFACES.md §7 against computations that share no code with it: the Negative-Binomial CDF as the
 * regularized incomplete beta function P(K ≤ m) = I_p(r, m + 1) (Apache Commons Math 3.6.1, {@code Beta.regularizedBeta}),
 * and a simulation of the model itself (rate drawn from the Gamma posterior, remaining days' count from a Poisson with
 * that rate; Commons Math's samplers, fixed seed).
 */
class ForecastTests {
    static final double[] Q = { 0.025, 0.10, 0.50, 0.90, 0.975 };

    @Test
    void theExampleOfTheInterface() {
        Forecast f = Forecast.of(20, LocalDate.parse("2025-04-17"), 100L);
        assertThat(f.year()).isEqualTo(2025);
        assertThat(f.median()).isEqualTo(68);
        assertThat(f.interval80()).containsExactly(54L, 87L);
        assertThat(f.interval95()).containsExactly(47L, 98L);
        assertThat(f.pAtLeastTarget()).isCloseTo(0.019, within(0.0005));
    }

    /** The smallest total whose CDF reaches q, from the incomplete beta function (no summation of terms). */
    static long quantileByBeta(long observed, LocalDate asOf, double q) {
        int d = asOf.getDayOfYear();
        int remaining = asOf.lengthOfYear() - d;
        if (remaining == 0) {
            return observed;
        }
        double r = observed + 0.5;
        double p = (double) d / (d + remaining);
        long lo = 0;
        long hi = 1;
        while (Beta.regularizedBeta(p, r, hi + 1, 1e-15, 100_000) < q) {
            hi *= 2;
        }
        while (lo < hi) { // smallest m with I_p(r, m + 1) >= q
            long mid = (lo + hi) / 2;
            if (Beta.regularizedBeta(p, r, mid + 1, 1e-15, 100_000) >= q) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return observed + lo;
    }

    static double pAtLeastByBeta(long observed, LocalDate asOf, long target) {
        int d = asOf.getDayOfYear();
        int remaining = asOf.lengthOfYear() - d;
        if (target <= observed) {
            return 1.0;
        }
        if (remaining == 0) {
            return 0.0;
        }
        double p = (double) d / (d + remaining);
        return 1 - Beta.regularizedBeta(p, observed + 0.5, target - observed, 1e-15, 100_000);
    }

    @Test
    void equalsTheIncompleteBetaComputationAtManyDatesIncludingLeapDaysAndYearEnds() {
        List<String> dates = List.of("2025-01-01", "2025-04-17", "2025-07-02", "2025-12-30", "2025-12-31", "2024-02-28", "2024-02-29",
                "2024-03-01", "2024-12-30", "2024-12-31", "2023-12-31");
        long[] observed = { 0, 1, 4, 20, 137, 2_500 };
        int checked = 0;
        for (String date : dates) {
            LocalDate asOf = LocalDate.parse(date);
            for (long n : observed) {
                long target = n + 1 + n / 3;
                Forecast f = Forecast.of(n, asOf, target);
                long[] expected = Arrays.stream(Q).mapToLong(q -> quantileByBeta(n, asOf, q)).toArray();
                assertThat(List.of(f.interval95().get(0), f.interval80().get(0), f.median(), f.interval80().get(1), f.interval95().get(1)))
                        .as("quantiles for %d as of %s", n, date).containsExactly(expected[0], expected[1], expected[2], expected[3], expected[4]);
                assertThat(f.pAtLeastTarget()).as("P(total >= %d) for %d as of %s", target, n, date)
                        .isCloseTo(pAtLeastByBeta(n, asOf, target), within(1e-9));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(66);
    }

    @Test
    void onTheLastDayOfTheYearTheTotalIsTheObservedCount() {
        for (String date : List.of("2025-12-31", "2024-12-31")) {
            Forecast f = Forecast.of(37, LocalDate.parse(date), 38L);
            assertThat(f.median()).isEqualTo(37);
            assertThat(f.interval80()).containsExactly(37L, 37L);
            assertThat(f.interval95()).containsExactly(37L, 37L);
            assertThat(f.pAtLeastTarget()).isEqualTo(0.0);
            assertThat(Forecast.of(37, LocalDate.parse(date), 37L).pAtLeastTarget()).isEqualTo(1.0);
        }
    }

    @Test
    void aLeapYearHas366Days() {
        // 29 February 2024 is day 60 of 366: 306 days remain. The same count on 1 March 2025 (day 60 of 365) leaves 305.
        Forecast leap = Forecast.of(30, LocalDate.parse("2024-02-29"), null);
        Forecast common = Forecast.of(30, LocalDate.parse("2025-03-01"), null);
        assertThat(leap.median()).isEqualTo(quantileByBeta(30, LocalDate.parse("2024-02-29"), 0.5));
        assertThat(leap.median()).isGreaterThanOrEqualTo(common.median());
        assertThat(leap.pAtLeastTarget()).isNull();
    }

    /** Simulates the model (Gamma posterior rate, Poisson count of the remaining days): the quantiles agree within one. */
    @Test
    void agreesWithASimulationOfTheModel() {
        RandomGenerator random = new Well19937c(20250417L);
        for (String date : List.of("2025-04-17", "2024-02-29", "2024-11-30")) {
            LocalDate asOf = LocalDate.parse(date);
            long observed = 20;
            int d = asOf.getDayOfYear();
            int remaining = asOf.lengthOfYear() - d;
            GammaDistribution rate = new GammaDistribution(random, observed + 0.5, 1.0 / d);
            int draws = 200_000;
            long[] totals = new long[draws];
            long atLeast = 0;
            long target = 100;
            for (int i = 0; i < draws; i++) {
                double mean = rate.sample() * remaining;
                long k = mean <= 0 ? 0 : new PoissonDistribution(random, mean, PoissonDistribution.DEFAULT_EPSILON,
                        PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
                totals[i] = observed + k;
                if (totals[i] >= target) {
                    atLeast++;
                }
            }
            Arrays.sort(totals);
            Forecast f = Forecast.of(observed, asOf, target);
            long[] model = { f.interval95().get(0), f.interval80().get(0), f.median(), f.interval80().get(1), f.interval95().get(1) };
            for (int i = 0; i < Q.length; i++) {
                long simulated = totals[(int) Math.ceil(Q[i] * draws) - 1];
                assertThat(model[i]).as("q=%s as of %s", Q[i], date).isCloseTo(simulated, within(1L));
            }
            double p = (double) atLeast / draws;
            double sigma = Math.sqrt(Math.max(p * (1 - p), 1e-6) / draws);
            assertThat(f.pAtLeastTarget()).as("P(total >= 100) as of %s", date).isCloseTo(p, within(5 * sigma + 1e-4));
        }
    }

    @Test
    void refusesANegativeOrHugeCount() {
        assertThatThrownBy(() -> Forecast.of(-1, LocalDate.parse("2025-04-17"), null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("observed");
        assertThatThrownBy(() -> Forecast.of(Forecast.MAX_OBSERVED + 1, LocalDate.parse("2025-04-17"), null))
                .isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Forecast.of(5, LocalDate.parse("2025-04-17"), -3L)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("target");
    }
}
