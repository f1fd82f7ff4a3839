package nl.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.haven.identity.IdentityManagement;
import nl.haven.identity.Role;
import nl.haven.testing.Cookies;
import nl.haven.testing.StaffFixture;
import nl.haven.testing.TotpCodes;
import org.jspecify.annotations.Nullable;

/**
 * A browser-like HTTP/1.1 client on a plain socket, for what {@code java.net.http.HttpClient} cannot do: send a forged
 * {@code Host} header (a restricted header there) and connect from a chosen loopback address (127.0.0.x), so that tests
 * can be several clients. Keeps cookies by name (one host only), follows no redirects.
 */
final class LogInHttp {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final int port;
    private final String clientAddress;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    /** The Host header to send; the real one unless a test forges it. */
    String host;

    LogInHttp(int port, String clientAddress) {
        this.port = port;
        this.clientAddress = clientAddress;
        this.host = "localhost:" + port;
    }

    LogInHttp(int port) {
        this(port, "127.0.0.1");
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        @Nullable String location() {
            List<String> values = headers.get("location");
            return values == null ? null : values.get(0);
        }
    }

    /**
     * A new coordinator of the organisation (password {@link StaffFixture#PASSWORD}, a TOTP second factor), logged in
     * past the second factor in a browser session of their own.
     */
    static LogInHttp newCoordinator(IdentityManagement identity, String slug, int port) throws IOException {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        IdentityManagement.Invitation invitation = identity.invite(slug, email, Role.COORDINATOR.name(), "Browser coordinator");
        identity.activate(invitation.token(), StaffFixture.PASSWORD);
        IdentityManagement.Enrolment enrolment = identity.startEnrolment(invitation.user());
        identity.confirmEnrolment(invitation.user(), TotpCodes.fresh(enrolment.secret()));
        LogInHttp browser = new LogInHttp(port);
        assertThat(browser.post("/login", "/login", Map.of("username", email, "password", StaffFixture.PASSWORD)).location()).endsWith("/mfa");
        assertThat(browser.post("/mfa", "/mfa", Map.of("code", TotpCodes.fresh(enrolment.secret()))).location()).endsWith("/staff");
        return browser;
    }

    Response get(String path) throws IOException {
        return send("GET", path, null, null, Map.of());
    }

    Response get(String path, Map<String, String> headers) throws IOException {
        return send("GET", path, null, null, headers);
    }

    /** Posts a form with the CSRF token of a fresh copy of {@code csrfPage}, as a browser would have it. */
    Response post(String path, String csrfPage, Map<String, String> form) throws IOException {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrf(csrfPage));
        return postForm(path, withToken);
    }

    Response postForm(String path, Map<String, String> form) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, "application/x-www-form-urlencoded", body, Map.of());
    }

    Response postJson(String path, String json, Map<String, String> headers) throws IOException {
        return send("POST", path, "application/json", json, headers);
    }

    String csrf(String page) throws IOException {
        Matcher token = CSRF.matcher(get(page).body());
        assertThat(token.find()).as("a CSRF token on " + page).isTrue();
        return token.group(1);
    }

    @Nullable String cookie(String name) {
        return cookies.get(name);
    }

    Response send(String method, String path, @Nullable String contentType, @Nullable String body, Map<String, String> extra) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder();
        request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        request.append("Host: ").append(host).append("\r\n");
        request.append("Accept: text/html\r\nConnection: close\r\n");
        if (!cookies.isEmpty()) {
            request.append("Cookie: ").append(Cookies.header(cookies)).append("\r\n");
        }
        extra.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(clientAddress), 0)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private Response parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        String[] head = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            String name = head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = head[i].substring(colon + 1).trim();
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            if (name.equals("set-cookie")) {
                Cookies.take(cookies, value);
            }
        }
        byte[] payload = Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("chunked"))) {
            payload = dechunk(payload);
        }
        return new Response(status, headers, new String(payload, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            in.read();
            in.read();
        }
    }
}
