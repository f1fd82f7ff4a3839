package nl.haven.policy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicyVersion;
import nl.haven.policy.PolicyVersions;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xml.sax.InputSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #17, points 1 and 2 over the real server: the running data set is recorded at start-up once; the Atom feed
 * parses as Atom 1.0 with Rome and has an entry for Egypt on the EU list; an older recorded version shows up as a
 * version change in the API, the feed and the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyChangesIT {

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) {
        BrowserSupport.isolatedDataDir(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    PolicyVersions versions;
    @Autowired
    PolicyEngine engine;
    @Autowired
    PolicyFiles files;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PolicyChangeLog changeLog;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void theRunningDataSetIsRecordedOnceHoweverOftenItStarts() {
        List<PolicyVersion> recorded = versions.list();
        assertThat(recorded).extracting(PolicyVersion::hash).containsExactly(engine.dataSet().version());
        PolicyVersion version = recorded.get(0);
        assertThat(version.label()).isEqualTo(engine.dataSet().label());
        assertThat(version.reviews()).isEqualTo(engine.dataSet().reviews());
        assertThat(version.firstLoaded()).isNotNull();
        // A second start (the same listener again) and a direct second record: still one row.
        changeLog.recordRunningVersion();
        assertThat(versions.record(engine.dataSet(), files)).isFalse();
        assertThat(jdbc.sql("select count(*) from policy_version").query(Long.class).single()).isEqualTo(1L);
        assertThat(versions.files(version.hash())).contains(files);
        assertThat(PolicyDataSet.load(versions.files(version.hash()).orElseThrow()).version()).isEqualTo(version.hash());
    }

    @Test
    @Order(2)
    void theAtomFeedIsAtom10WithAnEntryForEgyptOnTheEuList() throws Exception {
        HttpResponse<String> response = get("/policy/changes.atom?lang=en");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/atom+xml");

        WireFeed wire = new WireFeedInput().build(new InputSource(new StringReader(response.body())));
        assertThat(wire.getFeedType()).isEqualTo("atom_1.0");
        SyndFeed feed = new SyndFeedInput().build(new InputSource(new StringReader(response.body())));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getUri()).startsWith("urn:uuid:");
        assertThat(feed.getLinks()).extracting(SyndLink::getRel).contains("self", "alternate");
        List<SyndEntry> entries = feed.getEntries();
        assertThat(entries).hasSizeGreaterThan(20);
        assertThat(entries.stream().map(SyndEntry::getUri).distinct().count()).isEqualTo(entries.size());
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.getUri()).matches("urn:uuid:[0-9a-f-]{36}");
            assertThat(e.getLink()).startsWith("http://localhost:" + port + "/policy/changes?lang=en#change-");
            assertThat(e.getUpdatedDate()).isNotNull();
        });
        SyndEntry egypt = entries.stream().filter(e -> e.getTitle().equals("From 12 June 2026 Egypt is on the EU list of safe countries of origin"))
                .findFirst().orElseThrow(() -> new AssertionError("no Egypt entry among " + entries.stream().map(SyndEntry::getTitle).toList()));
        assertThat(egypt.getLinks()).filteredOn(l -> "related".equals(l.getRel())).isNotEmpty()
                .allSatisfy(l -> assertThat(l.getHref()).startsWith("http"));
        assertThat(egypt.getContents().get(0).getValue()).startsWith("Egypt is on the EU list of safe countries of origin from 12 June 2026");
        assertThat(egypt.getPublishedDate().toInstant()).isEqualTo(Instant.parse("2026-02-22T23:00:00Z"));
        assertThat(entries).anyMatch(e -> e.getTitle().equals("From 23 September 2025 the national list of safe countries of origin is "
                + "suspended for every country"));
        // Newest first by the day it takes effect.
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i - 1).getUpdatedDate()).isAfterOrEqualTo(entries.get(i).getUpdatedDate());
        }
        // The same ids on a second request (and, the ids being name-based, after a restart).
        SyndFeed again = new SyndFeedInput().build(new InputSource(new StringReader(get("/policy/changes.atom?lang=en").body())));
        assertThat(again.getEntries()).extracting(SyndEntry::getUri).isEqualTo(entries.stream().map(SyndEntry::getUri).toList());

        SyndFeed dutch = new SyndFeedInput().build(new InputSource(new StringReader(get("/policy/changes.atom?lang=nl&country=EG").body())));
        assertThat(dutch.getEntries()).extracting(SyndEntry::getTitle).contains("Vanaf 12 juni 2026 staat Egypte op de EU-lijst van veilige landen van herkomst");
        assertThat(dutch.getEntries()).allMatch(e -> !e.getTitle().contains("Albanië"));
    }

    @Test
    @Order(3)
    void aBadCountryIsA400ProblemNotAStackTrace() throws Exception {
        HttpResponse<String> feed = get("/policy/changes.atom?country=XX1");
        assertThat(feed.statusCode()).isEqualTo(400);
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(feed.body()).contains("XX1");
        HttpResponse<String> page = get("/policy/changes?country=XX1&lang=en");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("role=\"alert\"").contains("Nationality: please choose a country from the list.");
        assertThat(get("/policy/changes?country=XX1&lang=fa").body()).contains("تابعیت: لطفاً یک کشور از فهرست انتخاب کنید.");
    }

    @Test
    @Order(4)
    void anOlderRecordedVersionIsDiffedAgainstTheRunningOne() throws Exception {
        // The shipped data set without Egypt's EU listing, recorded as if a node had run with it a day before.
        Map<String, String> older = new TreeMap<>(files.byPath());
        String safe = older.get("safe-countries.yaml");
        int start = safe.indexOf("  - id: eu-safe-eg\n");
        int end = safe.indexOf("  - id: ", start + 10);
        older.put("safe-countries.yaml", safe.substring(0, start) + safe.substring(end));
        older.put("dataset.yaml", "schemaVersion: 1\nlabel: \"2026-12-05\"\n");
        PolicyFiles olderFiles = PolicyFiles.of(older);
        PolicyDataSet olderSet = PolicyDataSet.load(olderFiles);
        assertThat(versions.record(olderSet, olderFiles)).isTrue();
        jdbc.sql("update policy_version set recorded_at = ?, first_loaded = ? where content_hash = ?")
                .params(OffsetDateTime.of(2026, 12, 5, 9, 0, 0, 0, ZoneOffset.UTC), LocalDate.of(2026, 12, 5), olderSet.version()).update();
        jdbc.sql("update policy_version set first_loaded = ? where content_hash = ?")
                .params(LocalDate.of(2026, 12, 6), engine.dataSet().version()).update();

        HttpResponse<String> api = get("/api/v1/policy/changes");
        assertThat(api.statusCode()).isEqualTo(200);
        var doc = JsonMapper.builder().build().readTree(api.body());
        assertThat(doc.get("current").asString()).isEqualTo(engine.dataSet().version());
        assertThat(doc.get("versions")).hasSize(2);
        assertThat(doc.get("versions").get(0).get("label").asString()).isEqualTo("2026-12-05");
        var step = doc.get("steps").get(0);
        assertThat(step.get("from").asString()).isEqualTo(olderSet.version());
        var countries = step.get("diff").get("countries");
        assertThat(countries).hasSize(1);
        assertThat(countries.get(0).get("country").asString()).isEqualTo("EG");
        var item = countries.get(0).get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo("eu-safe-eg");
        assertThat(item.get("change").asString()).isEqualTo("ADDED");
        assertThat(item.get("sources").get(0).get("url").asString()).startsWith("http");

        SyndFeed feed = new SyndFeedInput().build(new InputSource(new StringReader(get("/policy/changes.atom?lang=en&country=EG").body())));
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).contains("Data set 2026-12-06: eu-safe-eg added (Egypt)");
        assertThat(get("/policy/changes?lang=en").body()).contains("2026-12-05").contains("Data set 2026-12-06: eu-safe-eg added (Egypt)");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
