package nl.haven.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import nl.haven.identity.internal.OrganisationStore;
import nl.haven.identity.internal.UserStore;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organisation's own settings (issue #19 point 11), set by its ADMIN: its name, where the quick-exit button of its
 * public intake form leads, and a welcome text on that form. The organisation is always the administrator's own, read
 * from the account. Every change writes one audit event ({@code organisation.settings-changed}, ids only).
 */
@Service
public class OrganisationSettings {
    /** The longest organisation name (the column's size). */
    public static final int MAX_NAME = 200;
    /** The longest quick-exit address. */
    public static final int MAX_QUICK_EXIT = 500;
    /** The longest welcome text, in characters. */
    public static final int MAX_WELCOME = 2000;

    private final OrganisationStore organisations;
    private final UserStore users;
    private final AuditLog audit;

    OrganisationSettings(OrganisationStore organisations, UserStore users, AuditLog audit) {
        this.organisations = organisations;
        this.users = users;
        this.audit = audit;
    }

    /** The settings as the administrator's page shows them; null where nothing is set. */
    public record Settings(String name, @Nullable String quickExitUrl, @Nullable String intakeWelcome) {
    }

    /** What the organisation's public intake form shows: its quick-exit address (null: Haven's default) and welcome text. */
    public record IntakeFace(@Nullable String quickExitUrl, @Nullable String welcome) {
        static final IntakeFace NONE = new IntakeFace(null, null);
    }

    /** The administrator's own organisation's settings. */
    @Transactional(readOnly = true)
    public Settings of(UserId admin) {
        OrgId org = administrator(admin).orgId();
        OrganisationStore.Settings stored = organisations.settings(org).orElseThrow(() -> new UnknownIdException("organisation", org.value()));
        return new Settings(stored.name(), stored.quickExitUrl(), stored.intakeWelcome());
    }

    /** For the organisation's public intake form; no settings for an organisation that does not exist. */
    @Transactional(readOnly = true)
    public IntakeFace intakeFace(OrgId org) {
        return organisations.settings(org).map(s -> new IntakeFace(s.quickExitUrl(), s.intakeWelcome())).orElse(IntakeFace.NONE);
    }

    /**
     * Changes the administrator's organisation's settings. A blank quick-exit address or welcome text means none (the
     * default address; no text). Refused with the field named ({@link ChangeRefused}): an empty or too long name, an
     * address that is not an absolute {@code https://} address, a welcome text over {@value #MAX_WELCOME} characters.
     */
    @Transactional
    public Settings change(UserId admin, @Nullable String name, @Nullable String quickExitUrl, @Nullable String intakeWelcome) {
        UserStore.Account acting = administrator(admin);
        organisations.lock(acting.orgId());
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME) {
            throw ChangeRefused.badValue("name", cleanName.isEmpty() ? "orgSettings.error.nameEmpty" : "orgSettings.error.nameLong",
                    "the name has " + cleanName.length() + " characters: expected 1 to " + MAX_NAME);
        }
        String address = blankToNull(quickExitUrl);
        if (address != null && !validQuickExit(address)) {
            throw ChangeRefused.badValue("quickExitUrl", "orgSettings.error.quickExit",
                    "the quick-exit address is not an https:// address of a site (at most " + MAX_QUICK_EXIT + " characters)");
        }
        String welcome = blankToNull(intakeWelcome == null ? null : intakeWelcome.replace("\r\n", "\n").replace('\r', '\n'));
        if (welcome != null && welcome.length() > MAX_WELCOME) {
            throw ChangeRefused.badValue("intakeWelcome", "orgSettings.error.welcomeLong",
                    "the welcome text has " + welcome.length() + " characters: expected at most " + MAX_WELCOME);
        }
        OrganisationStore.Settings settings = new OrganisationStore.Settings(cleanName, address, welcome);
        organisations.updateSettings(acting.orgId(), settings);
        audit.record(AuditEvent.of(acting.orgId(), AuditEvent.user(admin), "organisation.settings-changed", "organisation", acting.orgId().value()));
        return new Settings(cleanName, address, welcome);
    }

    /**
     * An absolute {@code https://} address with a host, no user part, no whitespace or control characters, at most
     * {@value #MAX_QUICK_EXIT} characters: the button must lead straight to a neutral site, over TLS.
     */
    static boolean validQuickExit(String address) {
        if (address.length() > MAX_QUICK_EXIT || !address.toLowerCase(Locale.ROOT).startsWith("https://")
                || address.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return false;
        }
        try {
            URI uri = new URI(address);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty() && uri.getRawUserInfo() == null;
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The acting user, who must be an active ADMIN; anyone else is refused as the web layer refuses them (403). */
    private UserStore.Account administrator(UserId admin) {
        return users.byId(admin).filter(a -> a.active() && a.role() == Role.ADMIN)
                .orElseThrow(() -> new AccessDeniedException("user " + admin + " is not an active ADMIN"));
    }
}
