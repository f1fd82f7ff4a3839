package nl.haven.statistics.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import nl.haven.cases.CaseProfile;
import nl.haven.cases.CaseProfileChanged;
import nl.haven.cases.Handling;
import nl.haven.cases.Stage;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.statistics.StatisticsRelease;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fictional statistics for {@code ./haven serve --demo}: three years of made-up requests for the demo organisations,
 * so that the dashboard has something to show (a rise this year, more trans people from the United States, the
 * autumn peak). No case is created: fictional profiles go through the same listener that counts real cases, and
 * only counts are stored. Runs once the application accepts traffic, i.e. after identity has created the demo
 * organisations; loading twice changes nothing (an organisation that has counts two years back is left alone).
 */
@Component
@ConditionalOnProperty(name = "haven.identity.demo", havingValue = "true")
class DemoStatistics {
    static final List<String> DEMO_ORGS = List.of("demo-trans-network", "demo-asylum-support");
    private static final double[] SEASON = { 0.8, 0.8, 0.9, 0.9, 1.0, 1.0, 1.1, 1.2, 1.3, 1.3, 1.2, 0.9 };

    private final OrganisationDirectory organisations;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final StatisticsRelease release;
    private final PrintStream console = System.out;

    DemoStatistics(OrganisationDirectory organisations, ApplicationEventPublisher events, TransactionTemplate transactions, JdbcClient jdbc,
            Clock clock, StatisticsRelease release) {
        this.release = release;
        this.organisations = organisations;
        this.events = events;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void onReady(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        boolean[] loadedNow = { false };
        for (int i = 0; i < DEMO_ORGS.size(); i++) {
            String slug = DEMO_ORGS.get(i);
            int scale = i == 0 ? 3 : 1;
            organisations.bySlug(slug).ifPresent(org -> {
                boolean loaded = jdbc.sql("select count(*) from stat_request_count where org_id = ? and stat_year = ?")
                        .params(org.id().value(), today.getYear() - 2).query(Long.class).single() > 0;
                if (!loaded) {
                    int n = transactions.execute(status -> load(org.id().value(), today, scale, new Random(slug.hashCode())));
                    console.println("Demo statistics (fictional counts, no cases) for " + slug + ": " + n + " requests over three years");
                    loadedNow[0] = true;
                }
            });
        }
        if (loadedNow[0]) {
            // A demo is shown at once: its fictional counts are released now rather than at the next release point.
            release.release();
        }
    }

    /** Publishes made-up profiles for the three years up to today; returns how many. */
    int load(UUID org, LocalDate today, int scale, Random random) {
        int count = 0;
        Instant now = clock.instant();
        for (int y = today.getYear() - 2; y <= today.getYear(); y++) {
            int age = today.getYear() - y; // 2, 1, 0
            double perMonth = scale * (age == 2 ? 3.0 : age == 1 ? 4.2 : 6.5);
            int lastMonth = y == today.getYear() ? today.getMonthValue() : 12;
            for (int m = 1; m <= lastMonth; m++) {
                double mean = perMonth * SEASON[m - 1] * (y == today.getYear() && m == lastMonth ? today.getDayOfMonth() / 30.0 : 1.0);
                int requests = poisson(mean, random);
                for (int r = 0; r < requests; r++) {
                    events.publishEvent(new CaseProfileChanged(null, profile(org, YearMonth.of(y, m), age, random), now));
                    count++;
                }
            }
        }
        return count;
    }

    private static CaseProfile profile(UUID org, YearMonth opened, int age, Random random) {
        double u = random.nextDouble();
        String nationality;
        List<String> groups = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        // This year more people from the United States, most of them trans (the story the dashboard should show).
        double us = age == 0 ? 0.45 : age == 1 ? 0.25 : 0.10;
        if (u < us) {
            nationality = "US";
            groups.add(random.nextDouble() < 0.7 ? "trans" : pick(random, "gay", "lesbian", "nonbinary", "bisexual"));
            if (groups.contains("trans") && random.nextDouble() < 0.15) {
                facts.add("military-dismissal");
            }
        } else {
            nationality = pick(random, "RU", "RU", "RU", "IR", "IR", "UG", "UG", "IQ", "EG", "SY", "AF", "TR", "JM", "GH", "MA");
            groups.add(pick(random, "gay", "gay", "gay", "lesbian", "lesbian", "bisexual", "trans", "trans", "intersex", "queer"));
        }
        if (random.nextDouble() < 0.05) {
            groups.clear(); // not every request says
        }
        if (random.nextDouble() < 0.1) {
            facts.add("late-disclosure");
        }
        Handling handling;
        Stage stage = Stage.NONE;
        double s = random.nextDouble();
        double closedShare = age == 2 ? 0.75 : age == 1 ? 0.5 : 0.15;
        if (s < closedShare) {
            handling = Handling.CLOSED;
            stage = pick(random, Stage.NONE, Stage.GRANTED, Stage.GRANTED, Stage.REJECTED, Stage.REGULAR_GRANTED, Stage.NONE);
        } else if (s < closedShare + 0.08) {
            handling = Handling.DECLINED;
        } else if (age == 0 && s > 0.85) {
            handling = s > 0.93 ? Handling.NEW : Handling.TRIAGE;
        } else {
            handling = Handling.ACCEPTED;
            stage = pick(random, Stage.PREPARING, Stage.PREPARING, Stage.APPLIED, Stage.REST_AND_PREPARATION, Stage.GENERAL_PROCEDURE,
                    Stage.GENERAL_PROCEDURE, Stage.EXTENDED_PROCEDURE, Stage.INTENDED_DECISION, Stage.APPEAL, Stage.REGULAR_APPLIED);
        }
        return new CaseProfile(org, opened, "INTAKE", nationality, groups, facts, handling, stage);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Knuth's method: fine for the small means here. */
    private static int poisson(double mean, Random random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
