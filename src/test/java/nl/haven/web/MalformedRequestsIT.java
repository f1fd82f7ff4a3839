package nl.haven.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Issue 15, point 22: no request a client can send produces a 5xx or an ERROR log line. Every route of Spring's handler
 * mappings is sent a table of malformed requests (nameless and repeated parameters, bad dates, years and numbers, broken
 * escapes, JSON of the wrong types and shapes, invalid UTF-8, huge numbers, wrong content types): anonymously over the
 * real server, and as a staff member allowed to use the route (an API token over the real server on {@code /api/**},
 * a logged-in session through MockMvc for pages).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "haven.intake.submissions-per-hour=0")
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsIT {
    static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\S+\\s+ERROR\\s");

    /** Query strings: each is sent on every route. */
    static final List<String> QUERIES = List.of("?=x", "?year=abc&from=2026-13-45&to=x&date=2026-02-30&nationality=XX&cc=%3Cb%3E&term=%3Cb%3E&eventDate=2026-02-30&track=x",
            "?year=99999999999999999999&year=abc&page=-1&size=1e99&lang=xx&lang=nl&status=NEW&status=", "?%zz=1&a=%&nationality=%ff%fe&lang=%ff");
    /** Bodies: each is sent on every route that is not a GET. */
    static final List<Body> BODIES = List.of(
            json("{\"details\":{\"safeContact\":{}}}"), json("{}"), json("[]"), json("\"x\""), json("{\"a\":"),
            json("{\"message\":12345678901234567890123456789012345678901234567890,\"year\":1e999999,\"date\":\"2026-02-30\"}"),
            json("{\"details\":{\"safeContact\":{\"channel\":null,\"value\":[]},\"nationality\":{},\"groups\":\"x\"}}"),
            json("{\"state\":{},\"date\":[],\"track\":1,\"assignee\":\"not-a-uuid\",\"days\":-1,\"name\":{}}"),
            new Body("application/json", new byte[] { '{', '"', 'm', '"', ':', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '"', '}' }),
            new Body("text/plain", "x".getBytes(StandardCharsets.US_ASCII)), new Body("application/xml", "<a/>".getBytes(StandardCharsets.US_ASCII)),
            new Body("application/x-www-form-urlencoded", "=x&&%zz=1&year=abc&date=2026-02-30".getBytes(StandardCharsets.US_ASCII)),
            new Body(null, new byte[0]));

    record Body(String contentType, byte[] bytes) {
    }

    static Body json(String text) {
        return new Body("application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    IdentityManagement identity;
    @Autowired
    CaseMoves caseMoves;
    @Autowired
    CaseOpening caseOpening;

    StaffFixture staff;
    UUID caseId;
    Map<String, String> samples = new LinkedHashMap<>();
    Map<String, Object> access = new LinkedHashMap<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void fixtures() throws Exception {
        staff = StaffFixture.create(identity, "malformed");
        caseId = caseOpening.open(staff.member(Role.COORDINATOR), new NewCase("US", "US", CaseDetails.empty(), "STAFF")).id();
        caseMoves.assign(staff.member(Role.COORDINATOR), caseId, staff.ids().get(Role.COORDINATOR).value());
        try (InputStream in = getClass().getResourceAsStream("/security/access-matrix.yaml")) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            ((Map<String, Object>) root.get("samples")).forEach((k, v) -> samples.put(k, String.valueOf(v)));
            ((Map<String, Object>) root.get("routes")).forEach((route, value) -> access.put(route,
                    value instanceof Map<?, ?> map ? map.get("access") : value));
        }
        samples.put("org", staff.slug());
    }

    Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        routes.add("GET " + pattern);
                    }
                    methods.forEach(m -> routes.add(m.name() + " " + pattern));
                }
            }
        }
        return routes;
    }

    /** Every variable filled: the samples of the access matrix, the fixture's organisation and case, a UUID otherwise. */
    String path(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals("id") ? caseId.toString() : samples.getOrDefault(name, "00000000-0000-4000-8000-00000000000f");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        String path = out.toString();
        return path.endsWith("/**") ? path.substring(0, path.length() - 2) + samples.get("**") : path;
    }

    /** The role that may use the route: a coordinator where allowed (sees the fixture's case), else the first listed. */
    Role role(String route) {
        Object allowed = access.get(route.startsWith("GET ") && !access.containsKey(route) ? "ANY " + route.substring(4) : route);
        if (allowed instanceof List<?> roles && !roles.isEmpty()) {
            return roles.contains("COORDINATOR") ? Role.COORDINATOR : Role.valueOf(String.valueOf(roles.get(0)));
        }
        return Role.COORDINATOR;
    }

    byte[] raw(String method, String target, String accept, Body body, String authorization) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                + "\r\nConnection: close\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (body != null && body.contentType() != null) {
            head.append("Content-Type: ").append(body.contentType()).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.bytes();
        head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    /** The case of the issue: a nameless parameter gave container HTML and two ERROR stack traces with the raw query. */
    @Test
    void aNamelessParameterIsAProblemDocumentOnTheApiAndAPageElsewhere(CapturedOutput output) throws Exception {
        RawHttp.Response api = RawHttp.exchange(port, "GET /api/v1/policy/countries?=x HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.body()).contains("\"status\":400").contains("without a name").doesNotContain("Exception");
        RawHttp.Response page = RawHttp.exchange(port, "GET /policy?=x&lang=nl HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"nl\"").doesNotContain("Exception").doesNotContain("Apache Tomcat");
        assertThat(output.getAll()).doesNotContainPattern(ERROR_LINE).doesNotContain("=x");
    }

    @Test
    void noMalformedRequestGivesA5xxOrAnErrorLogLine(CapturedOutput output) throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String route : routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String pattern = route.substring(route.indexOf(' ') + 1);
            String path = path(pattern);
            boolean api = pattern.startsWith("/api/");
            String accept = api ? "application/json" : "text/html";
            List<Body> bodies = new ArrayList<>();
            bodies.add(null);
            if (!method.equals("GET")) {
                bodies.addAll(BODIES);
            }
            Role role = role(route);
            for (String query : QUERIES) {
                for (Body body : bodies) {
                    if (body != null && !query.equals(QUERIES.get(1))) {
                        continue; // bodies with the bad-values query only, which the server can read, so the body is looked at
                    }
                    String what = route + " " + query + (body == null ? "" : " " + new String(body.bytes(), StandardCharsets.ISO_8859_1));
                    // Anonymous, over the real server.
                    RawHttp.Response anonymous = RawHttp.exchange(port, raw(method, path + query, accept, body, null));
                    sent++;
                    if (anonymous.status() >= 500) {
                        failures.add(what + " anonymous: " + anonymous.status());
                    } else if (api && (anonymous.status() == 400 || anonymous.status() == 413) && !String.valueOf(anonymous.header("Content-Type")).startsWith("application/problem+json")) {
                        failures.add(what + " anonymous: " + anonymous.status() + " as " + anonymous.header("Content-Type"));
                    }
                    // Staff: an API token over the real server, a session through MockMvc for pages.
                    if (api) {
                        RawHttp.Response token = RawHttp.exchange(port, raw(method, path + query, accept, body, staff.bearer(role)));
                        sent++;
                        if (token.status() >= 500) {
                            failures.add(what + " with a token: " + token.status());
                        } else if ((token.status() == 400 || token.status() == 413)
                                && !String.valueOf(token.header("Content-Type")).startsWith("application/problem+json")) {
                            failures.add(what + " with a token: " + token.status() + " as " + token.header("Content-Type"));
                        }
                    } else {
                        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path + query.replace("%zz", "%25zz").replace("a=%&", "a=%25&"))
                                .accept(accept).with(csrf())
                                .with(authentication(UsernamePasswordAuthenticationToken.authenticated(staff.emails().get(role), null,
                                        List.of(new SimpleGrantedAuthority("ROLE_" + role), new SimpleGrantedAuthority("FACTOR_TOTP")))));
                        if (body != null && body.contentType() != null) {
                            request.contentType(body.contentType()).content(body.bytes());
                        }
                        sent++;
                        try {
                            int status = mvc.perform(request).andReturn().getResponse().getStatus();
                            if (status >= 500) {
                                failures.add(what + " as " + role + ": " + status);
                            }
                        } catch (Exception escaped) {
                            failures.add(what + " as " + role + ": " + escaped.getClass().getSimpleName() + " escaped (a 500)");
                        }
                    }
                }
            }
        }
        assertThat(sent).as("requests sent").isGreaterThan(1000);
        assertThat(failures.subList(0, Math.min(400, failures.size()))).as(failures.size() + " requests answered with a 5xx or an exception")
                .isEmpty();
        List<String> errors = new ArrayList<>();
        Matcher m = ERROR_LINE.matcher(output.getAll());
        while (m.find()) {
            int end = output.getAll().indexOf('\n', m.start());
            errors.add(output.getAll().substring(m.start(), end < 0 ? output.getAll().length() : end));
        }
        assertThat(errors).as("ERROR log lines").isEmpty();
    }
}
