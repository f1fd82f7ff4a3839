package nl.haven.identity.internal;

import java.util.UUID;
import nl.haven.identity.Role;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/account}: who the caller is, for any staff role, with an API token or a full
 * browser log-in; a client checks its token with it. Ids and the role only: no e-mail address, no name.
 */
@RestController
class AccountApi {
    private final UserStore users;

    AccountApi(UserStore users) {
        this.users = users;
    }

    /** The caller's user id, organisation id and current role. */
    record Account(UUID user, UUID organisation, Role role) {
    }

    @GetMapping(path = "/api/v1/account", produces = MediaType.APPLICATION_JSON_VALUE)
    Account account(Authentication authentication) {
        UserStore.Account account = users.byEmail(authentication.getName())
                .orElseThrow(() -> new AccessDeniedException("the authenticated account no longer exists"));
        return new Account(account.id().value(), account.orgId().value(), account.role());
    }
}
