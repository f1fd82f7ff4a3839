package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** What the staff header offers each caller (issue #19, point 7). */
class StaffHeaderTests {
    static UsernamePasswordAuthenticationToken signedIn(String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated("someone", null, AuthorityUtils.createAuthorityList(authorities));
    }

    @Test
    void nobodyAndAnAnonymousVisitorAndAnApiCallerGetNoHeader() {
        assertThat(StaffHeader.of(null)).isNull();
        assertThat(StaffHeader.of(new AnonymousAuthenticationToken("key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
                .isNull();
        assertThat(StaffHeader.of(signedIn("ROLE_COORDINATOR"))).as("a bearer token: no page, no factor").isNull();
    }

    @Test
    void halfwayThroughTheLogInOnlyLogOut() {
        StaffHeader.Nav nav = StaffHeader.of(signedIn("ROLE_COORDINATOR", StaffUserDetails.PASSWORD_FACTOR));
        assertThat(nav).isEqualTo(new StaffHeader.Nav(false, false, false, false));
    }

    @Test
    void eachRoleSeesWhatItMayOpen() {
        record Expect(String role, boolean cases, boolean statistics, boolean admin) {
        }
        for (Expect e : List.of(new Expect("ROLE_INTAKE", true, false, false), new Expect("ROLE_CASEWORKER", true, false, false),
                new Expect("ROLE_LAWYER", true, false, false), new Expect("ROLE_COORDINATOR", true, true, false),
                new Expect("ROLE_ANALYST", false, true, false), new Expect("ROLE_ADMIN", false, false, true))) {
            assertThat(StaffHeader.of(signedIn(e.role(), StaffUserDetails.PASSWORD_FACTOR, SecondFactorPages.SECOND_FACTOR)))
                    .as(e.role()).isEqualTo(new StaffHeader.Nav(true, e.cases(), e.statistics(), e.admin()));
        }
    }
}
