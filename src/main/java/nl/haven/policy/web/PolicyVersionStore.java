package nl.haven.policy.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicyVersion;
import nl.haven.policy.PolicyVersions;
import nl.haven.policy.Review;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PolicyVersions} in the {@code policy_version} table (V19). {@code insert … on conflict do nothing} (H2's
 * PostgreSQL mode and PostgreSQL both accept it) makes recording idempotent: on PostgreSQL a second node inserting the
 * same hash at the same moment waits for the first one's transaction and then inserts nothing.
 */
@Repository
class PolicyVersionStore implements PolicyVersions {
    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    PolicyVersionStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean record(PolicyDataSet dataSet, PolicyFiles files) {
        List<Map<String, String>> reviews = new ArrayList<>();
        for (Review review : dataSet.reviews()) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("file", review.file());
            r.put("reviewedOn", review.reviewedOn() == null ? null : review.reviewedOn().toString());
            reviews.add(r);
        }
        var now = clock.instant();
        return jdbc.sql("insert into policy_version (content_hash, label, reviews, first_loaded, recorded_at, files) values (?, ?, ?, ?, ?, ?)"
                + " on conflict do nothing")
                .params(dataSet.version(), dataSet.label(), JSON.writeValueAsString(reviews), LocalDate.ofInstant(now, AMSTERDAM),
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC), gzip(JSON.writeValueAsBytes(files.byPath())))
                .update() == 1;
    }

    @Override
    public List<PolicyVersion> list() {
        return jdbc.sql("select content_hash, label, reviews, first_loaded, recorded_at from policy_version order by recorded_at, content_hash")
                .query((rs, n) -> new PolicyVersion(rs.getString(1), rs.getString(2), reviews(rs.getString(3)), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    public Optional<PolicyFiles> files(String hash) {
        return jdbc.sql("select files from policy_version where content_hash = ?").param(hash)
                .query((rs, n) -> rs.getBytes(1)).optional()
                .map(bytes -> new PolicyFiles(new TreeMap<>(JSON.readValue(gunzip(bytes), new TypeReference<Map<String, String>>() { }))));
    }

    private static List<Review> reviews(String json) {
        List<Review> out = new ArrayList<>();
        for (Map<String, String> r : JSON.readValue(json, new TypeReference<List<Map<String, String>>>() { })) {
            String day = r.get("reviewedOn");
            out.add(new Review(r.get("file"), day == null ? null : LocalDate.parse(day)));
        }
        return out;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return zip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
