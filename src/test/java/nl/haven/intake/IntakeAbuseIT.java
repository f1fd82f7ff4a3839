package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.StaffFixture;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #15, points 7 and 11, over real HTTP from behind a trusted reverse proxy (this test's client, on the loopback
 * address, plays the proxy): the intake form does no expensive work for a form it refuses, refused forms count against
 * the visitor's bucket, pictures are refused by the pixels they declare before they are decoded, at most two requests
 * decode at once, the bucket is the address the trusted proxy forwards (an IPv6 address by its /64), and with
 * {@code X-Forwarded-Proto: https} cookies are Secure and absolute links https. Each test uses addresses of its own, so
 * the tests do not share a bucket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HAVEN_TRUSTED_PROXIES=127.0.0.1/32, ::1/128",
        "haven.intake.submissions-per-hour=3",
        "haven.intake.concurrent-decodes=2",
        "haven.intake.concurrent-uploads=4", // more than the decode slots, whatever the heap of the machine
        "haven.intake.decode-wait=0s" })
class IntakeAbuseIT {
    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    IdentityManagement identity;
    @Autowired
    JdbcClient jdbc;

    String org;

    @BeforeEach
    void organisation() {
        org = IntakeFixture.organisation(identity, "abuse");
    }

    @AfterEach
    void noHook() {
        Uploads.whileDecoding = () -> {
        };
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** A visitor whose requests reach Haven through the trusted proxy, which says they came from {@code address}. */
    IntakeHttp from(String address) {
        return new IntakeHttp(port).header("X-Forwarded-For", address);
    }

    static List<IntakeHttp.Part> form(String csrf, String message, IntakeHttp.Part... files) {
        List<IntakeHttp.Part> parts = new ArrayList<>(List.of(IntakeHttp.field("_csrf", csrf),
                IntakeHttp.field("submission", UUID.randomUUID().toString()), IntakeHttp.field("groups", "gay"),
                IntakeHttp.field("nationality", "IR"), IntakeHttp.field("message", message), IntakeHttp.field("contactChannel", "none"),
                IntakeHttp.field("consentProcessing", "true")));
        parts.addAll(List.of(files));
        return parts;
    }

    static IntakeHttp.Part png(String name, byte[] content) {
        return IntakeHttp.file("files", name, "image/png", content);
    }

    HttpResponse<String> send(IntakeHttp visitor, String message, IntakeHttp.Part... files) {
        String csrf = visitor.csrf(visitor.get("/intake/" + org));
        return visitor.postMultipart("/intake/" + org, form(csrf, message, files));
    }

    /** Point 7: the form is checked first; a form that is refused costs no decode at all. */
    @Test
    void aRefusedFormDecodesNoneOfItsPictures() {
        IntakeHttp visitor = from("198.51.100.10");
        long decodes = Uploads.DECODES.get();
        long cases = count("case_file");
        IntakeHttp.Part[] pictures = new IntakeHttp.Part[5];
        for (int i = 0; i < pictures.length; i++) {
            pictures[i] = png("p" + i + ".png", IntakeFixture.png(300, 200));
        }
        HttpResponse<String> refused = send(visitor, "   ", pictures); // no request text
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Please write what you would like help with.");
        assertThat(Uploads.DECODES.get()).as("pictures decoded for a refused form").isEqualTo(decodes);
        assertThat(count("case_file")).isEqualTo(cases);
        // The same pictures with a valid form are decoded (the counter does count).
        assertThat(send(visitor, "Now with my request", pictures).statusCode()).isEqualTo(200);
        assertThat(Uploads.DECODES.get()).isEqualTo(decodes + 5);
    }

    /** Point 7: refused forms count against the bucket, so they cannot be sent without end. */
    @Test
    void refusedFormsCountAgainstTheVisitorsBucket() {
        IntakeHttp visitor = from("198.51.100.11");
        for (int i = 0; i < 3; i++) {
            assertThat(send(visitor, " ").statusCode()).isEqualTo(400);
        }
        long cases = count("case_file");
        HttpResponse<String> next = send(visitor, "A valid request after three refused ones");
        assertThat(next.statusCode()).isEqualTo(429);
        assertThat(next.headers().firstValue("Retry-After")).isPresent();
        assertThat(next.body()).contains("Please wait a little");
        assertThat(count("case_file")).isEqualTo(cases);
    }

    /** Point 7: a 6300 x 6300 PNG (a few kB) is refused by the size its header declares, before it is decoded. */
    @Test
    void aPictureDeclaringTooManyPixelsIsRefusedBeforeDecodingWithTheLocalised413Page() {
        byte[] flood = IntakeFixture.blackPng(6300, 6300);
        assertThat(flood.length).isLessThan(200_000);
        long decodes = Uploads.DECODES.get();
        long cases = count("case_file");
        for (String[] lang : List.of(new String[] { "en", "is a picture that is too large" },
                new String[] { "ru", "слишком большое" })) {
            IntakeHttp visitor = from(lang[0].equals("en") ? "198.51.100.31" : "198.51.100.32").header("Accept-Language", lang[0]);
            HttpResponse<String> refused = send(visitor, "My passport photo", png("flood.png", flood));
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.body()).contains(lang[1]).contains("flood");
        }
        assertThat(Uploads.DECODES.get()).as("decodes").isEqualTo(decodes);
        assertThat(count("case_file")).isEqualTo(cases);
    }

    /** Point 7: each picture is small enough, but together they exceed what one request may have decoded. */
    @Test
    void picturesTogetherAboveThePerRequestPixelBudgetAreRefusedBeforeDecoding() {
        byte[] picture = IntakeFixture.blackPng(4500, 4500); // 20.25 million pixels; four are 81 million
        long decodes = Uploads.DECODES.get();
        HttpResponse<String> refused = send(from("198.51.100.13"), "Four scans", png("a.png", picture), png("b.png", picture),
                png("c.png", picture), png("d.png", picture));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("too many pixels together");
        assertThat(Uploads.DECODES.get()).isEqualTo(decodes);
    }

    /**
     * Point 7: at most {@code haven.intake.concurrent-decodes} (2) requests decode at once. Two requests are held inside
     * their decode by the test hook; a third, which cannot get a slot (the wait is 0 here), gets the localised 503 page;
     * once the two are let go, both finish. The hook records how many decodes it saw at once.
     */
    @Test
    void atMostTwoRequestsDecodeAtOnceAndAThirdIsAskedToComeBack() throws Exception {
        CountDownLatch twoInside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger entered = new AtomicInteger();
        Uploads.whileDecoding = () -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                if (entered.incrementAndGet() <= 2) {
                    twoInside.countDown();
                    release.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.decrementAndGet();
            }
        };
        byte[] picture = IntakeFixture.png(64, 48);
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        try {
            for (String address : List.of("198.51.100.21", "198.51.100.22")) {
                IntakeHttp visitor = from(address);
                String csrf = visitor.csrf(visitor.get("/intake/" + org));
                held.add(CompletableFuture.supplyAsync(() -> visitor.postMultipart("/intake/" + org, form(csrf, "Held", png("p.png", picture)))));
            }
            assertThat(twoInside.await(120, TimeUnit.SECONDS)).as("two requests inside their decode").isTrue();
            HttpResponse<String> third = send(from("198.51.100.23").header("Accept-Language", "nl"), "The third", png("p.png", picture));
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(third.body()).contains("Er worden nu veel afbeeldingen gecontroleerd");
        } finally {
            release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> request : held) {
            assertThat(request.get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(most.get()).as("decodes seen at once").isEqualTo(2);
        // The slots are free again.
        assertThat(send(from("198.51.100.23"), "The third, again", png("p.png", picture)).statusCode()).isEqualTo(200);
    }

    /** Point 11: the address a trusted proxy forwards is the bucket; another forwarded address is another bucket. */
    @Test
    void behindATrustedProxyTheForwardedAddressIsTheBucket() {
        for (int i = 0; i < 3; i++) {
            assertThat(send(from("192.0.2.50"), "Request " + i).statusCode()).isEqualTo(200);
        }
        assertThat(send(from("192.0.2.50"), "One too many").statusCode()).isEqualTo(429);
        assertThat(send(from("192.0.2.51"), "Another visitor").statusCode()).isEqualTo(200);
    }

    /** Point 11: an IPv6 visitor has a whole /64 to pick addresses from; the /64 is the bucket. */
    @Test
    void ipv6AddressesAreBucketedByTheirSlash64() {
        for (int i = 0; i < 3; i++) {
            assertThat(send(from("2001:db8:aa:1::" + (i + 1)), "Request " + i).statusCode()).isEqualTo(200);
        }
        assertThat(send(from("2001:db8:aa:1:ffff:ffff:ffff:fffe"), "Same /64").statusCode()).isEqualTo(429);
        assertThat(send(from("2001:db8:aa:2::1"), "Another /64").statusCode()).isEqualTo(200);
    }

    /** Point 11: with X-Forwarded-Proto https from the trusted proxy, cookies are Secure and absolute links https. */
    @Test
    void httpsAtTheTrustedProxyGivesSecureCookiesAndHttpsLinks() throws Exception {
        HttpResponse<String> plain = from("192.0.2.60").get("/intake/" + org);
        assertThat(plain.headers().allValues("Set-Cookie")).singleElement().asString().startsWith("XSRF-TOKEN=").doesNotContain("Secure");
        HttpResponse<String> https = from("192.0.2.60").header("X-Forwarded-Proto", "https").get("/intake/" + org);
        assertThat(https.headers().allValues("Set-Cookie")).singleElement().asString().startsWith("XSRF-TOKEN=").contains("; Secure");

        StaffFixture staff = StaffFixture.create(identity, "proxy");
        HttpResponse<String> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/account/calendar")).header("Authorization", "Bearer " + staff.tokens().get(Role.CASEWORKER))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "192.0.2.61").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(feed.statusCode()).isEqualTo(201);
        assertThat(feed.body()).contains("\"url\":\"https://localhost").doesNotContain("http://");
    }
}
