package nl.haven.protection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param masterKeyFile the master key ({@code HAVEN_MASTER_KEY_FILE}); created on first start, owner-only
 * @param keysDir where the other key files live (audit chain and signing keys), beside the master key
 * @param caseKeyCache how long a node keeps a case's unwrapped keys after it last unwrapped them
 *     ({@code haven.protection.case-key-cache}, default 10 s; 0 turns the cache off). An erasure evicts them at once on
 *     the node that erases; another node may go on using them for at most this long.
 * @param legacyOpener whether every thread is treated as holding every organisation's keys ({@link OpenedKeys}), as the
 *     master key still opens them all ({@code haven.protection.legacy-opener}, default true). A transition switch of
 *     ADR 0006 (step 4 to step 11): off, a thread gets case keys only inside an {@link OpenedKeys} of their
 *     organisation — today only the tests do that; staff sessions and jobs do it from step 7 on.
 */
@ConfigurationProperties("haven.protection")
public record ProtectionSettings(Path masterKeyFile, Path keysDir, @Nullable Duration caseKeyCache, @Nullable Boolean legacyOpener) {
    public static final Duration DEFAULT_CASE_KEY_CACHE = Duration.ofSeconds(10);

    public ProtectionSettings {
        if (legacyOpener == null) {
            legacyOpener = true;
        }
        if (caseKeyCache == null) {
            caseKeyCache = DEFAULT_CASE_KEY_CACHE;
        }
        if (caseKeyCache.isNegative()) {
            throw new IllegalArgumentException("haven.protection.case-key-cache is " + caseKeyCache + "; expected 0 or more, e.g. 10s");
        }
    }

    /** Whether the legacy opener is on (never null after construction). */
    public boolean legacyOpenerOn() {
        return Objects.requireNonNull(legacyOpener);
    }

    /** The case-key cache's lifetime, never null after construction. */
    public Duration caseKeyCacheTtl() {
        return Objects.requireNonNull(caseKeyCache);
    }
}
