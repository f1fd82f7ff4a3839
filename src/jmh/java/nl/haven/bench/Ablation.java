package nl.haven.bench;

import java.util.Locale;
import nl.haven.audit.NoAuditLog;
import nl.haven.protection.PlaintextProtection;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Takes encryption, the audit log or both out of a Haven context for a benchmark's "without" side: registers
 * {@link PlaintextProtection} and/or {@link NoAuditLog} as primary beans, so every service gets them instead of the real
 * ones and runs its code path otherwise unchanged. {@code none} leaves the context as shipped.
 */
public enum Ablation implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    NONE(false, false), ENCRYPTION(true, false), AUDIT(false, true), BOTH(true, true);

    private final boolean withoutEncryption;
    private final boolean withoutAudit;

    Ablation(boolean withoutEncryption, boolean withoutAudit) {
        this.withoutEncryption = withoutEncryption;
        this.withoutAudit = withoutAudit;
    }

    /** none, encryption, audit or both (what is taken out). */
    public static Ablation parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("without is '" + value + "'; expected none, encryption, audit or both");
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        GenericApplicationContext generic = (GenericApplicationContext) context;
        if (withoutEncryption) {
            generic.registerBean(PlaintextProtection.class, bd -> bd.setPrimary(true));
        }
        if (withoutAudit) {
            generic.registerBean(NoAuditLog.class, bd -> bd.setPrimary(true));
        }
    }
}
