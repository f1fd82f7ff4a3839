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
 */
@ConfigurationProperties("haven.protection")
public record ProtectionSettings(Path masterKeyFile, Path keysDir, @Nullable Duration caseKeyCache) {
    public static final Duration DEFAULT_CASE_KEY_CACHE = Duration.ofSeconds(10);

    public ProtectionSettings {
        if (caseKeyCache == null) {
            caseKeyCache = DEFAULT_CASE_KEY_CACHE;
        }
        if (caseKeyCache.isNegative()) {
            throw new IllegalArgumentException("haven.protection.case-key-cache is " + caseKeyCache + "; expected 0 or more, e.g. 10s");
        }
    }

    /** The case-key cache's lifetime, never null after construction. */
    public Duration caseKeyCacheTtl() {
        return Objects.requireNonNull(caseKeyCache);
    }
}
