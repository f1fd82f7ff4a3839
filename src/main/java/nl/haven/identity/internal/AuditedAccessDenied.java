package nl.haven.identity.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.audit.AuditEvent;
import nl.haven.audit.AuditLog;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A staff member refused case content by the URL rules (an analyst or an administrator asking for a case, issue #15
 * point 20) is audited as the cases module audits a refusal by scope: one {@code case.access-denied} event by the staff
 * member, with the case's id when the path names one (ids only: the path is never stored). In a transaction of its own;
 * the answer stays Spring Security's 403.
 *
 * <p>Only refusals by authorisation: a missing or wrong CSRF token reaches this handler too, and is not a refusal of
 * case content.
 */
final class AuditedAccessDenied implements AccessDeniedHandler {
    /** Case content (SecurityConfig's case rule); group 1: the case id, when the path names one. */
    static final Pattern CASE_CONTENT = Pattern.compile("/(?:api/v1/)?(?:cases|referrals)(?:/([^/]+))?(?:/.*)?");
    static final Pattern CASE_PATH = Pattern.compile("/(?:api/v1/)?cases/.*");

    private final UserStore users;
    private final AuditLog audit;
    private final TransactionTemplate ownTransaction;
    private final AccessDeniedHandler answer = new AccessDeniedHandlerImpl();

    AuditedAccessDenied(UserStore users, AuditLog audit, PlatformTransactionManager transactions) {
        this.users = users;
        this.audit = audit;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal) throws IOException, ServletException {
        if (refusal instanceof AuthorizationDeniedException) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            Matcher content = CASE_CONTENT.matcher(path);
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            if (content.matches() && who != null && who.getName() != null) {
                users.byEmail(who.getName()).ifPresent(account -> ownTransaction.executeWithoutResult(status -> {
                    UUID caseId = CASE_PATH.matcher(path).matches() ? uuid(content.group(1)) : null;
                    audit.record(caseId == null ? AuditEvent.of(account.orgId(), AuditEvent.user(account.id()), "case.access-denied")
                            : AuditEvent.of(account.orgId(), AuditEvent.user(account.id()), "case.access-denied", "case", caseId));
                }));
            }
        }
        answer.handle(request, response, refusal);
    }

    private static @org.jspecify.annotations.Nullable UUID uuid(@org.jspecify.annotations.Nullable String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
