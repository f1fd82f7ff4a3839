package nl.haven.web;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The request as a body-less GET whose parameters are the given ones: how {@link RequestLimitFilter} renders a refusal. */
final class UnreadRequest extends HttpServletRequestWrapper {
    private final Map<String, String[]> parameters;

    UnreadRequest(HttpServletRequest request, Map<String, String[]> parameters) {
        super(request);
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    @Override
    public String getMethod() {
        return "GET";
    }

    @Override
    public @Nullable String getContentType() {
        return null;
    }

    @Override
    public int getContentLength() {
        return 0;
    }

    @Override
    public long getContentLengthLong() {
        return 0;
    }

    @Override
    public @Nullable String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
        return parameters.get(name);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        throw new IOException("the body of a refused request is not read");
    }

    @Override
    public BufferedReader getReader() throws IOException {
        throw new IOException("the body of a refused request is not read");
    }

    @Override
    public Collection<Part> getParts() {
        return List.of();
    }
}
