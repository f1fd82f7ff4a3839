package nl.haven.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.haven.testing.Bytes;

/**
 * A multipart upload to a real server that stops halfway: the first part of the body (with the canary in it) is sent,
 * then the request body waits until {@link #resume()}. While it waits the server is in the middle of reading the
 * upload, and a test can look for the canary on disk ({@link #filesContaining}).
 */
final class UploadInFlight {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resumed = new CountDownLatch(1);
    private final CompletableFuture<HttpResponse<String>> response;

    private UploadInFlight(URI uri, String bearer, byte[] first, byte[] rest, String boundary) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", bearer).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PausingStream(first, rest))).build();
        this.response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the upload of {@code content} as field {@code file}; the body pauses after {@code pauseAfter} bytes of it. */
    static UploadInFlight start(URI uri, String bearer, String fileName, byte[] content, int pauseAfter) {
        String boundary = "haven-test-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(head);
        first.write(content, 0, pauseAfter);
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(content, pauseAfter, content.length - pauseAfter);
        rest.writeBytes(tail);
        return new UploadInFlight(uri, bearer, first.toByteArray(), rest.toByteArray(), boundary);
    }

    /** Waits until the client has taken all of the first part and asks for more. */
    void awaitPause() throws InterruptedException {
        if (!paused.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the upload did not reach its pause within 30 s");
        }
    }

    HttpResponse<String> resume() throws Exception {
        resumed.countDown();
        return response.get(60, TimeUnit.SECONDS);
    }

    private final class PausingStream extends InputStream {
        private final byte[] first;
        private final byte[] rest;
        private int position;

        PausingStream(byte[] first, byte[] rest) {
            this.first = first;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == first.length) {
                paused.countDown();
                try {
                    if (!resumed.await(60, TimeUnit.SECONDS)) {
                        throw new InterruptedIOException("the test never resumed the upload");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            byte[] source = position < first.length ? first : rest;
            int at = position < first.length ? position : position - first.length;
            if (at >= source.length) {
                return source == rest ? -1 : 0;
            }
            int n = Math.min(length, source.length - at);
            System.arraycopy(source, at, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /**
     * The regular files under the roots, modified at or after {@code since}, whose bytes contain the needle; files that
     * vanish while read are skipped.
     */
    static List<Path> filesContaining(byte[] needle, Collection<Path> roots, Instant since) throws IOException {
        Set<Path> hits = new LinkedHashSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !attributes.lastModifiedTime().toInstant().isBefore(since)) {
                        try {
                            if (Bytes.indexOf(Files.readAllBytes(file), needle) >= 0) {
                                hits.add(file);
                            }
                        } catch (IOException vanished) {
                            // deleted between listing and reading
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return new ArrayList<>(hits);
    }

    /** Scans the files modified since {@code since} again and again for the given time, or until something is found. */
    static List<Path> watch(byte[] needle, Collection<Path> roots, Instant since, Duration duration) throws IOException, InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        do {
            List<Path> hits = filesContaining(needle, roots, since);
            if (!hits.isEmpty()) {
                return hits;
            }
            Thread.sleep(25);
        } while (System.nanoTime() < end);
        return List.of();
    }
}
