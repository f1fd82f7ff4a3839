package nl.haven.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.NewCase;
import nl.haven.cases.internal.CaseMoves;
import nl.haven.cases.internal.CaseOpening;
import nl.haven.cases.internal.CaseReferrals;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.OrganisationAdministration;
import nl.haven.identity.Role;
import nl.haven.identity.StaffMember;
import nl.haven.testing.StaffFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * SECURITY.md S1, the access matrix. Every route is enumerated from Spring's handler mappings at test time and must
 * have an entry in {@code src/test/resources/security/access-matrix.yaml} (and every entry a route): a new route
 * without an entry fails the build. Each route is requested as every principal (anonymous, after the password only,
 * each role after both factors, and each role with an API token on /api/**) and the outcome compared with the table:
 * 0 unexpected 2xx. Path variables that name organisation data are tried with an id of the caller's organisation, of
 * another organisation and one that does not exist: the last two must give identical 404 responses. State-changing
 * browser routes must refuse a request without a CSRF token.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {
    static final String MATRIX = "/security/access-matrix.yaml";
    static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    IdentityManagement identity;

    /** One organisation's fixtures: a user per role with an API token (StaffFixture), and one more user to act on. */
    record Organisation(StaffFixture staff, UUID targetUser, UUID otherCaseworker) {
        Map<Role, String> emails() {
            return staff.emails();
        }

        Map<Role, String> tokens() {
            return staff.tokens();
        }
    }

    @Autowired
    CaseMoves caseMoves;
    @Autowired
    CaseOpening caseOpening;
    @Autowired
    CaseReferrals referrals;
    @Autowired
    JdbcClient jdbc;

    Organisation own;
    Organisation other;
    Matrix matrix;

    @BeforeAll
    void fixtures() throws IOException {
        own = organisation();
        other = organisation();
        try (InputStream in = getClass().getResourceAsStream(MATRIX)) {
            assertThat(in).as(MATRIX).isNotNull();
            matrix = Matrix.read(in);
        }
    }

    Organisation organisation() {
        StaffFixture staff = StaffFixture.create(identity, "matrix");
        UUID target = identity.invite(staff.slug(), "target-" + staff.slug() + "@example.org", "CASEWORKER", null).user().value();
        return new Organisation(staff, target, staff.another(identity, Role.CASEWORKER).value());
    }

    String tokenId(String email) {
        String token = identity.createApiToken(email, 1);
        return jdbc.sql("select id from api_token where token_hash = ?").param(IdentityManagement.sha256(token)).query(UUID.class).single()
                .toString();
    }

    @Autowired
    OrganisationAdministration administration;

    /** A fresh grant of the CASEWORKER role that the organisation's ADMIN asked for by inviting a new address. */
    String grantId(Organisation org) {
        String email = "grant-" + UUID.randomUUID().toString().substring(0, 8) + "-" + org.staff().slug() + "@example.org";
        administration.invite(org.staff().ids().get(Role.ADMIN), email, "CASEWORKER", null);
        return jdbc.sql("select g.id from role_grant g join app_user u on u.id = g.user_id where u.email = ?").param(email).query(UUID.class)
                .single().toString();
    }

    /** A fresh passkey (its stored public part, as a registration leaves it) of the user with this e-mail address. */
    String passkeyId(String email) {
        String handle = jdbc.sql("select id from user_entities where name = ?").param(email).query(String.class).optional().orElseGet(() -> {
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes());
            jdbc.sql("insert into user_entities (id, name, display_name) values (?, ?, ?)").params(id, email, email).update();
            return id;
        });
        String credential = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes());
        jdbc.sql("insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count, uv_initialized, "
                + "backup_eligible, authenticator_transports, public_key_credential_type, backup_state, created, label) "
                + "values (?, ?, ?, 0, true, false, 'internal', 'public-key', false, current_timestamp, 'matrix')")
                .params(credential, handle, new byte[] { 1, 2, 3 }).update();
        return credential;
    }

    /** A fresh case of the organisation, assigned to the given user (or to nobody), in the NEW state. */
    UUID newCase(Organisation org, @org.jspecify.annotations.Nullable UUID assignee) {
        StaffMember coordinator = org.staff().member(Role.COORDINATOR);
        UUID id = caseOpening.open(coordinator, new NewCase("US", "US", CaseDetails.empty(), "STAFF")).id();
        if (assignee != null) {
            caseMoves.assign(coordinator, id, assignee);
        }
        return id;
    }

    // --- the table ------------------------------------------------------------------------------------------------

    /**
     * An entry: who may use the route, which path variables name organisation data (and of what kind), and what to
     * send: a JSON body, the parameters of a browser's form post, or (multipart) a tiny PNG in the form field {@code file}.
     */
    record Entry(String route, Access access, Set<Role> roles, Map<String, String> ids, @org.jspecify.annotations.Nullable String body,
            boolean multipart, Map<String, String> form) {
    }

    /** A 1×1 PNG: what a multipart route receives, so that the 404 checks reach the case look-up. */
    static final byte[] TINY_PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /** SCRAPE_TOKEN: only the metrics scraper's token (issue #15, SessionPlumbingIT), so none of the principals here. */
    enum Access { PUBLIC, PASSWORD_STEP, ROLES, SCRAPE_TOKEN }

    record Matrix(Map<String, String> samples, Map<String, Entry> entries) {
        @SuppressWarnings("unchecked")
        static Matrix read(InputStream in) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, String> samples = new LinkedHashMap<>();
            ((Map<String, Object>) root.get("samples")).forEach((k, v) -> samples.put(k, String.valueOf(v)));
            Map<String, Entry> entries = new LinkedHashMap<>();
            ((Map<String, Object>) root.get("routes")).forEach((route, value) -> {
                Object access = value instanceof Map<?, ?> map ? map.get("access") : value;
                Map<String, String> ids = value instanceof Map<?, ?> map && map.get("ids") instanceof Map<?, ?> idMap
                        ? (Map<String, String>) idMap : Map.of();
                String body = value instanceof Map<?, ?> map && map.get("body") instanceof String b ? b : null;
                boolean multipart = value instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("multipart"));
                Map<String, String> form = new LinkedHashMap<>();
                if (value instanceof Map<?, ?> map && map.get("form") instanceof Map<?, ?> formMap) {
                    formMap.forEach((k, v) -> form.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
                }
                Entry entry;
                if ("public".equals(access)) {
                    entry = new Entry(route, Access.PUBLIC, Set.of(), ids, body, multipart, form);
                } else if ("scrape-token".equals(access)) {
                    entry = new Entry(route, Access.SCRAPE_TOKEN, Set.of(), ids, body, multipart, form);
                } else if ("password-step".equals(access)) {
                    entry = new Entry(route, Access.PASSWORD_STEP, Set.of(), ids, body, multipart, form);
                } else if (access instanceof List<?> roles) {
                    EnumSet<Role> set = EnumSet.noneOf(Role.class);
                    roles.forEach(r -> set.add(Role.valueOf(String.valueOf(r))));
                    entry = new Entry(route, Access.ROLES, set, ids, body, multipart, form);
                } else {
                    throw new IllegalArgumentException(MATRIX + ": " + route + ": access '" + access
                            + "'; expected public, password-step, scrape-token or a list of roles");
                }
                entries.put(route, entry);
            });
            return new Matrix(samples, entries);
        }
    }

    /** "GET /path/{var}" for every method of every RequestMappingInfo in every handler mapping; ANY for no method. */
    Set<String> routesOfTheApplication() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        routes.add("ANY " + pattern);
                    }
                    methods.forEach(m -> routes.add(m.name() + " " + pattern));
                }
            }
        }
        return routes;
    }

    @Test
    void everyRouteHasAnEntryAndEveryEntryARoute() {
        Set<String> routes = routesOfTheApplication();
        assertThat(routes).as("routes found in Spring's handler mappings").hasSizeGreaterThan(20);
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(matrix.entries().keySet());
        Set<String> stale = new TreeSet<>(matrix.entries().keySet());
        stale.removeAll(routes);
        assertThat(missing).as("routes without an entry in " + MATRIX + " (add each with who may use it)").isEmpty();
        assertThat(stale).as("entries in " + MATRIX + " for routes that no longer exist").isEmpty();
    }

    // --- the principals ---------------------------------------------------------------------------------------------

    /** Who makes a request; {@code role} null for anonymous and the password step. */
    record Principal(String name, Role role, boolean passwordOnly, boolean token) {
        static final Principal ANONYMOUS = new Principal("anonymous", null, false, false);
        static final Principal PASSWORD_ONLY = new Principal("password only", null, true, false);

        static List<Principal> all(boolean api) {
            List<Principal> all = new ArrayList<>(List.of(ANONYMOUS, PASSWORD_ONLY));
            for (Role role : Role.values()) {
                all.add(new Principal(role + " (log-in)", role, false, false));
                if (api) {
                    all.add(new Principal(role + " (API token)", role, false, true));
                }
            }
            return all;
        }
    }

    AbstractMockHttpServletRequestBuilder<?> request(Entry entry, String method, String path, Principal who, boolean withCsrf) {
        HttpMethod http = "ANY".equals(method) ? HttpMethod.GET : HttpMethod.valueOf(method);
        AbstractMockHttpServletRequestBuilder<?> request = entry.multipart()
                ? MockMvcRequestBuilders.multipart(http, path).file(new MockMultipartFile("file", "tiny.png",
                        "image/png", TINY_PNG))
                : MockMvcRequestBuilders.request(http, path);
        if (entry.body() != null) {
            // {otherOrg}: the slug of the organisation that is not the caller's (a valid referral target).
            request.contentType(MediaType.APPLICATION_JSON)
                    .content(entry.body().replace("{otherOrg}", other.staff().slug()));
        }
        // A browser's form post: valid parameters, so that the 404 checks reach the case look-up.
        entry.form().forEach((name, value) -> request.param(name, value.replace("{otherOrg}", other.staff().slug())));
        if (who.token()) {
            request.header("Authorization", "Bearer " + own.tokens().get(who.role()));
        } else if (who.passwordOnly()) {
            request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(own.emails().get(Role.CASEWORKER), null,
                    List.of(new SimpleGrantedAuthority("FACTOR_PASSWORD")))));
        } else if (who.role() != null) {
            request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(own.emails().get(who.role()), null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + who.role()), new SimpleGrantedAuthority("FACTOR_TOTP")))));
        }
        // What a browser (pages) or an API client sends: Spring Security picks log-in redirect or 401 by it.
        request.accept(path.startsWith("/api/") ? "application/json" : "text/html");
        if (withCsrf && !HttpMethod.GET.equals(http)) {
            request.with(csrf());
        }
        return request;
    }

    /** The path with every variable filled: ids of the given organisation (or a nonexistent one), samples otherwise. */
    String path(Entry entry, String pattern, String whose, Principal who) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (entry.ids().containsKey(name)) {
                value = id(entry.ids().get(name), whose, who);
            } else {
                value = matrix.samples().get(name);
                assertThat(value).as(MATRIX + ": no sample value for {" + name + "} of " + entry.route()).isNotNull();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String path = out.toString();
        return path.endsWith("/**") ? path.substring(0, path.length() - 2) + matrix.samples().get("**") : path;
    }

    /**
     * An id of the given kind: {@code own} (the caller's organisation; a case is a fresh one assigned to the caller, so
     * every role that may see cases sees it), {@code same-org} (a case of the caller's organisation assigned to another
     * caseworker), {@code other} (another organisation's) or {@code none} (nonexistent).
     */
    String id(String kind, String whose, Principal who) {
        if ("none".equals(whose)) {
            return UUID.randomUUID().toString();
        }
        Organisation org = "other".equals(whose) ? other : own;
        return switch (kind) {
            case "user" -> org.targetUser().toString();
            // A fresh token of the caller (their own), or of the other organisation's user of the same role.
            case "token" -> tokenId(org.staff().emails().get(who.role() == null ? Role.CASEWORKER : who.role()));
            // A fresh passkey of the caller (their own), or of the other organisation's user of the same role.
            case "passkey" -> passkeyId(org.staff().emails().get(who.role() == null ? Role.CASEWORKER : who.role()));
            // A fresh pending grant of a case-reading role, asked for by the organisation's ADMIN (four eyes).
            case "grant" -> grantId(org);
            case "referral" -> referrals.refer(org.staff().member(Role.COORDINATOR), newCase(org, null),
                    (org == own ? other : own).staff().slug(), true, false).id().toString();
            case "case" -> newCase(org, switch (whose) {
                // Analysts and administrators cannot be assigned cases (and see none): their "own" case is unassigned.
                case "own" -> who.role() == null || who.role() == Role.ANALYST || who.role() == Role.ADMIN ? null
                        : own.staff().ids().get(who.role()).value();
                case "same-org" -> own.otherCaseworker();
                default -> org.otherCaseworker();
            }).toString();
            default -> throw new IllegalArgumentException(MATRIX + ": unknown id kind '" + kind + "'; expected user, token, passkey, grant, case or referral");
        };
    }

    /**
     * 401, 403, or a redirect to the log-in page (a missing factor redirects there with the factor named), or, halfway
     * through the log-in, from another page back to the second-factor step (within that step, /mfa/enrol sends an
     * enrolled user on to /mfa).
     */
    static boolean denied(MvcResult result) {
        int status = result.getResponse().getStatus();
        String location = result.getResponse().getRedirectedUrl();
        boolean secondFactorStep = result.getRequest().getRequestURI().startsWith("/mfa");
        return status == 401 || status == 403 || (status == 302 && location != null
                && (location.matches(".*/login(\\?.*)?") || !secondFactorStep && location.matches(".*/mfa(\\?.*)?")));
    }

    static boolean allowed(Entry entry, Principal who) {
        return switch (entry.access()) {
            case PUBLIC -> true;
            case PASSWORD_STEP -> who.passwordOnly();
            case ROLES -> who.role() != null && entry.roles().contains(who.role());
            case SCRAPE_TOKEN -> false;
        };
    }

    @Test
    void everyPrincipalGetsExactlyWhatTheTableAllows() throws Exception {
        List<String> unexpected = new ArrayList<>();
        int checks = 0;
        for (Entry entry : matrix.entries().values()) {
            String method = entry.route().substring(0, entry.route().indexOf(' '));
            String pattern = entry.route().substring(entry.route().indexOf(' ') + 1);
            boolean api = pattern.startsWith("/api/");
            for (Principal who : Principal.all(api)) {
                MvcResult result = mvc.perform(request(entry, method, path(entry, pattern, "own", who), who, true)).andReturn();
                checks++;
                int status = result.getResponse().getStatus();
                boolean expectAllowed = allowed(entry, who);
                if (expectAllowed && denied(result)) {
                    unexpected.add(entry.route() + " as " + who.name() + ": denied (" + status + "), the table allows it");
                } else if (!expectAllowed && !denied(result)) {
                    unexpected.add(entry.route() + " as " + who.name() + ": " + status + ", the table denies it");
                } else if (!expectAllowed && api && status != (who.role() == null && !who.passwordOnly() ? 401 : 403)) {
                    // INTERFACES.md §6: no credentials 401, valid credentials of the wrong role 403.
                    unexpected.add(entry.route() + " as " + who.name() + ": " + status + ", expected "
                            + (who.role() == null && !who.passwordOnly() ? 401 : 403));
                }
            }
        }
        assertThat(checks).isGreaterThan(matrix.entries().size() * 8);
        assertThat(unexpected).as("outcomes that differ from " + MATRIX).isEmpty();
    }

    @Test
    void otherOrganisationsIdsAndNonexistentIdsGiveIdenticalNotFound() throws Exception {
        List<String> unexpected = new ArrayList<>();
        for (Entry entry : matrix.entries().values()) {
            if (entry.ids().isEmpty()) {
                continue;
            }
            String method = entry.route().substring(0, entry.route().indexOf(' '));
            String pattern = entry.route().substring(entry.route().indexOf(' ') + 1);
            for (Principal who : Principal.all(pattern.startsWith("/api/"))) {
                if (!allowed(entry, who)) {
                    continue;
                }
                String otherPath = path(entry, pattern, "other", who);
                String nonePath = path(entry, pattern, "none", who);
                MvcResult otherOrg = mvc.perform(request(entry, method, otherPath, who, true)).andReturn();
                MvcResult nonexistent = mvc.perform(request(entry, method, nonePath, who, true)).andReturn();
                String otherBody = otherOrg.getResponse().getContentAsString().replace(otherPath, "PATH");
                String noneBody = nonexistent.getResponse().getContentAsString().replace(nonePath, "PATH");
                if (otherOrg.getResponse().getStatus() != 404 || nonexistent.getResponse().getStatus() != 404) {
                    unexpected.add(entry.route() + " as " + who.name() + ": other organisation " + otherOrg.getResponse().getStatus()
                            + ", nonexistent " + nonexistent.getResponse().getStatus() + ", expected 404 for both");
                } else if (!otherBody.equals(noneBody)) {
                    unexpected.add(entry.route() + " as " + who.name() + ": the two 404 bodies differ");
                }
                if (entry.ids().containsValue("case") && (who.role() == Role.CASEWORKER || who.role() == Role.LAWYER)) {
                    // Same organisation, assigned to a colleague: not theirs, so not found either.
                    String samePath = path(entry, pattern, "same-org", who);
                    MvcResult sameOrg = mvc.perform(request(entry, method, samePath, who, true)).andReturn();
                    if (sameOrg.getResponse().getStatus() != 404
                            || !sameOrg.getResponse().getContentAsString().replace(samePath, "PATH").equals(noneBody)) {
                        unexpected.add(entry.route() + " as " + who.name() + ": a colleague's case gave " + sameOrg.getResponse().getStatus()
                                + ", expected the same 404 as a nonexistent one");
                    }
                }
            }
        }
        assertThat(unexpected).isEmpty();
    }

    @Test
    void stateChangingBrowserRoutesRefuseARequestWithoutCsrfToken() throws Exception {
        List<String> unexpected = new ArrayList<>();
        int checked = 0;
        for (Entry entry : matrix.entries().values()) {
            String method = entry.route().substring(0, entry.route().indexOf(' '));
            String pattern = entry.route().substring(entry.route().indexOf(' ') + 1);
            if (method.equals("GET") || method.equals("ANY") || pattern.startsWith("/api/")) {
                continue;
            }
            Principal who = switch (entry.access()) {
                case PUBLIC -> Principal.ANONYMOUS;
                case PASSWORD_STEP -> Principal.PASSWORD_ONLY;
                case ROLES -> new Principal(entry.roles().iterator().next().name(), entry.roles().iterator().next(), false, false);
                case SCRAPE_TOKEN -> Principal.ANONYMOUS;
            };
            MvcResult result = mvc.perform(request(entry, method, path(entry, pattern, "own", who), who, false)).andReturn();
            checked++;
            if (result.getResponse().getStatus() != 403) {
                unexpected.add(entry.route() + " without a CSRF token as " + who.name() + ": " + result.getResponse().getStatus());
            }
        }
        assertThat(checked).as("state-changing browser routes").isPositive();
        assertThat(unexpected).isEmpty();
    }
}
