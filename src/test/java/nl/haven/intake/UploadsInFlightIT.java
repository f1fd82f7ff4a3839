package nl.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import nl.haven.identity.IdentityManagement;
import nl.haven.web.browser.BrowserSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15, points 1 and 7 with the launcher's heap: uploads to the intake are held in memory, so how many are received
 * at once is bounded before their bodies are read ({@link UploadsInFlight}); the decode slots alone let three
 * maximum-size uploads at once exhaust a 256 MB heap (OutOfMemoryError, 500s; found by the resilience benchmark run
 * with the launcher's JVM flags). Over real HTTP with one place and no wait: while one upload is held inside its decode,
 * a second large upload is refused before it is parsed (503, Retry-After, the localised page, no decode, no case), a
 * form without files still goes through, and once the first is answered the place is free again. Before, the second
 * upload was read whole into memory and waited for a decode slot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "HAVEN_TRUSTED_PROXIES=127.0.0.1/32, ::1/128",
        "haven.intake.concurrent-uploads=1",
        "haven.intake.decode-wait=0s" })
class UploadsInFlightIT {
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

    @AfterEach
    void noHook() {
        Uploads.whileDecoding = () -> {
        };
    }

    long cases() {
        return jdbc.sql("select count(*) from case_file").query(Long.class).single();
    }

    /** A noise picture: it does not compress, so the request is larger than {@link UploadsInFlight#SMALL_BODY}. */
    static byte[] noisePng(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(15);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    HttpResponse<String> send(String org, String address, String language, IntakeHttp.Part... files) {
        IntakeHttp visitor = new IntakeHttp(port).header("X-Forwarded-For", address).header("Accept-Language", language)
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"); // as a browser sends a form
        String csrf = visitor.csrf(visitor.get("/intake/" + org));
        return visitor.postMultipart("/intake/" + org, IntakeAbuseIT.form(csrf, "Please help", files));
    }

    @Test
    void aSecondUploadIsRefusedBeforeItIsReadWhileTheOnlyPlaceIsTakenAndAFormWithoutFilesStillGoesThrough() throws Exception {
        String org = IntakeFixture.organisation(identity, "inflight");
        byte[] picture = noisePng(200);
        assertThat(picture.length).as("a picture larger than a small body").isGreaterThan((int) UploadsInFlight.SMALL_BODY);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Uploads.whileDecoding = () -> {
            inside.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<HttpResponse<String>> held = CompletableFuture
                .supplyAsync(() -> send(org, "198.51.100.70", "en", IntakeHttp.file("files", "p.png", "image/png", picture)));
        try {
            assertThat(inside.await(120, TimeUnit.SECONDS)).as("the first upload inside its decode").isTrue();
            long decodes = Uploads.DECODES.get();
            long cases = cases();
            HttpResponse<String> refused = send(org, "198.51.100.71", "nl", IntakeHttp.file("files", "q.png", "image/png", picture));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains(Long.toString(IntakePages.BUSY_RETRY_SECONDS));
            assertThat(refused.body()).contains("Het verzoek kon niet worden voltooid");
            assertThat(Uploads.DECODES.get()).as("pictures decoded for a refused upload").isEqualTo(decodes);
            assertThat(cases()).isEqualTo(cases);

            HttpResponse<String> withoutFiles = send(org, "198.51.100.72", "en");
            assertThat(withoutFiles.statusCode()).isEqualTo(200);
            assertThat(cases()).isEqualTo(cases + 1);
        } finally {
            release.countDown();
        }
        assertThat(held.get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        Uploads.whileDecoding = () -> {
        };
        assertThat(send(org, "198.51.100.73", "en", IntakeHttp.file("files", "r.png", "image/png", picture)).statusCode())
                .as("the place is free again").isEqualTo(200);
    }
}
