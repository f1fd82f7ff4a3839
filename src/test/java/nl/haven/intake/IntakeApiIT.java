package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import nl.haven.identity.IdentityManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/intake/{org}} (INTERFACES.md §5): 201 after commit, idempotency, and every refusal as problem+json. */
@SpringBootTest
@AutoConfigureMockMvc
class IntakeApiIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String BODY = """
            {"language": "ru", "nationality": "RU", "countryOfResidence": "RU", "groups": ["gay"],
             "message": "Я гей из Чечни, мне нужна помощь.", "contact": {"channel": "signal", "value": "+7 900 000 00 00"}}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    String org;
    String address;

    @BeforeEach
    void organisation() {
        org = IntakeFixture.organisation(identity, "api");
        address = freshBucket();
    }

    /**
     * An address of its own (a random /64 of the IPv6 documentation range, 2^32 of them): the Spring context and its
     * in-memory buckets are shared with other test classes, and one of 250 IPv4 addresses sometimes met a bucket that
     * another test had already used, so the twentieth request of {@link #tooManyNewRequestsFromOneBucketGet429WithRetryAfter}
     * got 429 before its time.
     */
    static String freshBucket() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + ":" + Integer.toHexString(random.nextInt(0x10000)) + "::1";
    }

    long cases() {
        return jdbc.sql("select count(*) from case_file").query(Long.class).single();
    }

    MockHttpServletRequestBuilder request(String path, String key, String body) {
        MockHttpServletRequestBuilder request = post(path).contentType(MediaType.APPLICATION_JSON).content(body).accept(MediaType.APPLICATION_JSON)
                .with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                });
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request;
    }

    MvcResult send(String key, String body) throws Exception {
        return mvc.perform(request("/api/v1/intake/" + org, key, body)).andReturn();
    }

    static JsonNode json(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestIsCreatedOnceAndARetryGetsTheSameAnswer() throws Exception {
        long before = cases();
        String key = UUID.randomUUID().toString();
        MvcResult first = send(key, BODY);
        assertThat(first.getResponse().getStatus()).isEqualTo(201);
        JsonNode answer = json(first);
        assertThat(answer.path("reference").asString()).startsWith("HV-");
        assertThat(answer.path("codename").asString()).as("Russian has no word list: digit groups").matches("[0-9]{5}( [0-9]{5}){4}");
        // Committed before the 201 was written.
        assertThat(jdbc.sql("select count(*) from case_file where reference = ?").param(answer.path("reference").asString()).query(Long.class)
                .single()).isEqualTo(1);
        MvcResult retry = send(key, BODY);
        assertThat(retry.getResponse().getStatus()).isEqualTo(201);
        assertThat(json(retry)).isEqualTo(answer);
        assertThat(retry.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(cases()).isEqualTo(before + 1);
        // Sealed under the organisation's key: neither the reference nor the codename is readable in the table.
        byte[] sealed = jdbc.sql("select sealed from intake_idempotency where org_id = (select id from organisation where slug = ?)").param(org)
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(answer.path("reference").asString())
                .doesNotContain(answer.path("codename").asString().split(" ")[0]);
    }

    @Test
    void concurrentRetriesWithOneKeyOpenOneCase() throws Exception {
        long before = cases();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<MvcResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<MvcResult> call = () -> send(key, BODY);
                results.add(pool.submit(call));
            }
            Set<String> references = new HashSet<>();
            for (Future<MvcResult> result : results) {
                assertThat(result.get().getResponse().getStatus()).isEqualTo(201);
                references.add(json(result.get()).path("reference").asString());
            }
            assertThat(references).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cases()).isEqualTo(before + 1);
    }

    @Test
    void aKeyReusedForOtherContentIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(send(key, BODY).getResponse().getStatus()).isEqualTo(201);
        long before = cases();
        MvcResult other = send(key, BODY.replace("Чечни", "Москвы"));
        assertThat(other.getResponse().getStatus()).isEqualTo(422);
        assertThat(json(other).path("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void refusalsNameTheFieldInTheRequestersLanguageAndStoreNothing() throws Exception {
        long before = cases();
        long audit = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        MvcResult unknownOrg = mvc.perform(request("/api/v1/intake/no-such-org", UUID.randomUUID().toString(), BODY)).andReturn();
        assertThat(unknownOrg.getResponse().getStatus()).isEqualTo(404);
        assertThat(unknownOrg.getResponse().getContentType()).startsWith("application/problem+json");

        MvcResult noKey = send(null, BODY);
        assertThat(noKey.getResponse().getStatus()).isEqualTo(400);
        assertThat(json(noKey).path("field").asString()).isEqualTo("Idempotency-Key");

        MvcResult malformed = mvc.perform(request("/api/v1/intake/" + org, UUID.randomUUID().toString(), "{\"message\": \"unterminated")
                .header("Accept-Language", "nl")).andReturn();
        assertThat(malformed.getResponse().getStatus()).isEqualTo(400);
        assertThat(json(malformed).path("field").asString()).isEqualTo("body");
        assertThat(json(malformed).path("detail").asString()).isEqualTo("De inhoud van het verzoek is geen JSON-object.");

        MvcResult empty = mvc.perform(request("/api/v1/intake/" + org, UUID.randomUUID().toString(), "{\"message\": \"  \"}").header("Accept-Language", "ru"))
                .andReturn();
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        assertThat(json(empty).path("field").asString()).isEqualTo("message");
        assertThat(json(empty).path("detail").asString()).isEqualTo("Напишите, с чем вам нужна помощь.");

        MvcResult country = send(UUID.randomUUID().toString(), BODY.replace("\"nationality\": \"RU\"", "\"nationality\": \"Russia\""));
        assertThat(json(country).path("field").asString()).isEqualTo("nationality");
        MvcResult unknownField = send(UUID.randomUUID().toString(), BODY.replace("\"groups\"", "\"grops\""));
        assertThat(json(unknownField).path("field").asString()).isEqualTo("grops");
        MvcResult wrongType = send(UUID.randomUUID().toString(), BODY.replace("[\"gay\"]", "\"gay\""));
        assertThat(json(wrongType).path("field").asString()).isEqualTo("groups");
        MvcResult channel = send(UUID.randomUUID().toString(), BODY.replace("signal", "carrier-pigeon"));
        assertThat(json(channel).path("field").asString()).isEqualTo("contact.channel");
        // Issue #20, point 8: contact values in the form of their channel.
        MvcResult email = mvc.perform(request("/api/v1/intake/" + org, UUID.randomUUID().toString(),
                BODY.replace("\"signal\", \"value\": \"+7 900 000 00 00\"", "\"email\", \"value\": \"not-an-email\"")).header("Accept-Language", "en"))
                .andReturn();
        assertThat(email.getResponse().getStatus()).isEqualTo(400);
        assertThat(email.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(json(email).path("field").asString()).isEqualTo("contact.value");
        assertThat(json(email).path("detail").asString()).isNotBlank().doesNotContain("not-an-email");
        MvcResult phone = send(UUID.randomUUID().toString(), BODY.replace("\"signal\", \"value\": \"+7 900 000 00 00\"",
                "\"phone\", \"value\": \"call me\""));
        assertThat(json(phone).path("field").asString()).isEqualTo("contact.value");
        MvcResult signal = send(UUID.randomUUID().toString(), BODY.replace("+7 900 000 00 00", "river"));
        assertThat(json(signal).path("field").asString()).isEqualTo("contact.value");
        MvcResult tooLarge = send(UUID.randomUUID().toString(), "{\"message\": \"" + "x".repeat(300_000) + "\"}");
        assertThat(tooLarge.getResponse().getStatus()).isEqualTo(413);

        assertThat(cases()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isEqualTo(audit);
    }

    /**
     * Issue #15, point 21: the key is what lets a retry fetch the answer, codename included, so it must be unguessable:
     * at least 122 bits, a UUID or 22 or more URL-safe characters. A shorter or other key is refused (400, naming the
     * header) and nothing is stored; the answer never echoes the key.
     */
    @Test
    void anIdempotencyKeyWithFewerThan122BitsIsRefused() throws Exception {
        long before = cases();
        for (String weak : List.of("key-12345678", "aaaaaaaa", "123456789012345678901", "order:2026.12.06:0001", "a".repeat(129),
                "abcdefghij klmnopqrstuvwxyz", "ключ-ключ-ключ-ключ-ключ-ключ")) {
            MvcResult refused = send(weak, BODY);
            assertThat(refused.getResponse().getStatus()).as(weak).isEqualTo(400);
            assertThat(json(refused).path("field").asString()).isEqualTo("Idempotency-Key");
            assertThat(json(refused).path("detail").asString()).contains("UUID").doesNotContain(weak);
        }
        assertThat(cases()).isEqualTo(before);
        assertThat(send(UUID.randomUUID().toString(), BODY).getResponse().getStatus()).isEqualTo(201);
        assertThat(send("Zq3_x-9LmPw0aB7cDe2FgH", BODY).getResponse().getStatus()).as("22 URL-safe characters").isEqualTo(201);
        assertThat(cases()).isEqualTo(before + 2);
    }

    @Test
    void tooManyNewRequestsFromOneBucketGet429WithRetryAfter() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(send("flood-" + i + "-" + UUID.randomUUID(), BODY).getResponse().getStatus()).isEqualTo(201);
        }
        long before = cases();
        MvcResult refused = send("flood-last-" + UUID.randomUUID(), BODY);
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(1L, 3600L);
        assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(cases()).isEqualTo(before);
        address = freshBucket(); // another bucket is not affected
        assertThat(send("other-" + UUID.randomUUID(), BODY).getResponse().getStatus()).isEqualTo(201);
    }
}
