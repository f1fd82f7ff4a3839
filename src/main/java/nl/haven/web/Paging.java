package nl.haven.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import nl.haven.shared.BadInputException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One way to page every list of the API (issue #21, point 6): {@code page} from 0, {@code size} 1 to {@value #MAX_SIZE}
 * (default {@value #DEFAULT_SIZE}), the total number of items in {@code X-Total-Count} (and in the body where the body
 * is a page object, {@code /api/v1/cases}), and RFC 8288 {@code Link} headers {@code first}, {@code prev}, {@code next}
 * and {@code last}. The links are relative references (path and query of the request, with {@code page} and {@code size}
 * replaced): they never depend on a {@code Host} header a client sent.
 */
public final class Paging {
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 25;
    public static final String TOTAL = "X-Total-Count";

    private Paging() {
    }

    /** A page asked for; out of range is a 400 naming {@code page} or {@code size} and what is expected. */
    public record PageRequest(int page, int size) {
        public PageRequest {
            if (page < 0) {
                throw new BadInputException("page", "page is " + page + "; expected 0 or more");
            }
            if (size < 1 || size > MAX_SIZE) {
                throw new BadInputException("size", "size is " + size + "; expected 1 to " + MAX_SIZE);
            }
        }

        /** This page of a list that was read whole. */
        public <T> List<T> of(List<T> all) {
            long from = (long) page * size;
            if (from >= all.size()) {
                return List.of();
            }
            return new ArrayList<>(all.subList((int) from, (int) Math.min(all.size(), from + size)));
        }
    }

    /** {@code X-Total-Count} and the {@code Link} header for this page of {@code total} items. */
    public static HttpHeaders headers(HttpServletRequest request, PageRequest page, long total) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(TOTAL, Long.toString(total));
        long last = total == 0 ? 0 : (total - 1) / page.size();
        List<String> links = new ArrayList<>();
        links.add(link(request, 0, page.size(), "first"));
        if (page.page() > 0) {
            links.add(link(request, Math.min(page.page() - 1, last), page.size(), "prev"));
        }
        if (page.page() < last) {
            links.add(link(request, page.page() + 1, page.size(), "next"));
        }
        links.add(link(request, last, page.size(), "last"));
        headers.set(HttpHeaders.LINK, String.join(", ", links));
        return headers;
    }

    /** A list read whole, answered one page at a time, never cached. */
    public static <T> ResponseEntity<List<T>> answer(HttpServletRequest request, PageRequest page, List<T> all) {
        return ResponseEntity.ok().headers(headers(request, page, all.size())).cacheControl(CacheControl.noStore()).body(page.of(all));
    }

    private static String link(HttpServletRequest request, long page, int size, String rel) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                .replaceQueryParam("page", page).replaceQueryParam("size", size);
        String uri;
        try {
            uri = builder.build(true).toUriString(); // the path and query as the client sent them, already encoded
        } catch (IllegalArgumentException notEncoded) {
            uri = builder.build().encode().toUriString();
        }
        return "<" + uri + ">; rel=\"" + rel + "\"";
    }
}
