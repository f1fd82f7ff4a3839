package nl.haven.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, for what an ordinary client will not send: a request line the container refuses, a
 * chunked body written while the answer is read, a body that goes on after the server has answered.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** An answer: status, headers (names in lower case) and body. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        @Nullable String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What a streaming upload saw: the answer, and how many body bytes had been written when its first byte arrived. */
    record Streamed(Response response, long sentBeforeAnswer, long total) {
    }

    /** Sends these bytes as they are and reads the answer. */
    static Response exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            // Written beside the reading: a server that refuses a body by its declared length answers and closes without
            // reading it (web.RefusedBodies), and the answer must be read before the closed connection discards it.
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write(request);
                    socket.getOutputStream().flush();
                } catch (IOException closedByTheServer) {
                    // the server answered early and reads no more
                }
            }, "raw-http-exchange-writer");
            writer.setDaemon(true);
            writer.start();
            return read(socket.getInputStream());
        }
    }

    static Response exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends the head, then a chunked body of {@code total} bytes generated on the fly (a repeated filler after the
     * prefix), in 64 KB chunks, and stops writing as soon as the first byte of the answer has arrived. Nothing of the
     * body is ever held whole on this side either.
     */
    static Streamed chunked(int port, String head, byte[] prefix, byte filler, long total) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            AtomicBoolean answered = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            AtomicLong sentBeforeAnswer = new AtomicLong(-1);
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, filler);
                    boolean first = true;
                    while (sent.get() < total && !answered.get()) {
                        byte[] data = chunk;
                        if (first) {
                            data = chunk.clone();
                            System.arraycopy(prefix, 0, data, 0, prefix.length);
                            first = false;
                        }
                        int length = (int) Math.min(data.length, total - sent.get());
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(data, 0, length);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        sent.addAndGet(length);
                    }
                    // End the body, early or not, as a client does that stops sending on an early answer.
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // the server closed the connection: it reads no more, which is what it may do
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            int firstByte = in.read();
            sentBeforeAnswer.set(sent.get());
            answered.set(true);
            if (firstByte < 0) {
                throw new IOException("the server closed the connection without an answer after " + sent.get() + " bytes");
            }
            Response response = read(new SequenceInputStream(new ByteArrayInputStream(new byte[] { (byte) firstByte }), in));
            socket.close();
            writer.join(10_000);
            return new Streamed(response, sentBeforeAnswer.get(), total);
        }
    }

    /**
     * Sends the head and a chunked body of {@code total} bytes as {@link #chunked} does, but goes on writing whatever
     * the server answers, as a client that does not look at early answers; returns how many body bytes it could write
     * before the server closed the connection ({@code total} when the server read everything).
     */
    static long writtenUntilClosed(int port, String head, byte[] prefix, byte filler, long total) throws IOException {
        long sent = 0;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, filler);
            System.arraycopy(prefix, 0, chunk, 0, prefix.length);
            while (sent < total) {
                int length = (int) Math.min(chunk.length, total - sent);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(chunk, 0, length);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                sent += length;
                Arrays.fill(chunk, 0, prefix.length, filler);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (SocketException closedByTheServer) {
            // the server closed the connection: it reads no more
        }
        return sent;
    }

    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("no answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length.get(0))));
        } else if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else {
            // Neither: the body ends when the server closes the connection.
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static @Nullable String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }
}
