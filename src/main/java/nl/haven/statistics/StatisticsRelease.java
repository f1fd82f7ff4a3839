package nl.haven.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import nl.haven.statistics.internal.CountStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Release points of the published statistics (issue #15, point 9). The counts the listener keeps up to date inside
 * every case change are never published directly: an analyst who reads them just before and just after one request
 * would learn that person's nationality and groups, whatever disclosure control does to each single reading. At each
 * release point ({@code haven.statistics.release-cron} in {@code haven.statistics.release-zone}, by default every day
 * at 00:00 Europe/Amsterdam) all counts are copied, in one transaction, into the published tables that the API, the
 * dashboard, the CSV, the PDF report and the what-if read; each says as of when. One request is then only ever seen
 * together with all the others of its day.
 *
 * <p>At start, a release is made when there has never been one (a fresh installation, or the first start after this
 * was introduced) or when a release point passed while Haven was not running, so the pages are never empty or stale by
 * more than one period.
 */
@Component
public class StatisticsRelease {
    private final CountStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CronExpression cron;
    private final ZoneId zone;

    StatisticsRelease(CountStore store, TransactionTemplate transactions, Clock clock,
            @Value("${haven.statistics.release-cron:0 0 0 * * *}") String cron,
            @Value("${haven.statistics.release-zone:Europe/Amsterdam}") String zone) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.cron = CronExpression.parse(cron);
        this.zone = ZoneId.of(zone);
    }

    /** Publishes the counts as they are now; returns the release time that every surface shows. */
    public Instant release() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            transactions.executeWithoutResult(status -> store.release(now));
        } catch (DuplicateKeyException firstReleaseElsewhere) {
            // Another node made the very first release at the same moment: its row now exists, so this one waits on it.
            transactions.executeWithoutResult(status -> store.release(now));
        }
        return now;
    }

    /** When the published numbers were released; empty before the first release. */
    public Optional<Instant> releasedAt() {
        return store.releasedAt();
    }

    @Scheduled(cron = "${haven.statistics.release-cron:0 0 0 * * *}", zone = "${haven.statistics.release-zone:Europe/Amsterdam}")
    void scheduled() {
        release();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        if (due()) {
            release();
        }
    }

    /** No release yet, or a release point has passed since the last one. */
    boolean due() {
        Optional<Instant> last = releasedAt();
        if (last.isEmpty()) {
            return true;
        }
        ZonedDateTime next = cron.next(last.get().atZone(zone));
        return next != null && !next.toInstant().isAfter(clock.instant());
    }
}
