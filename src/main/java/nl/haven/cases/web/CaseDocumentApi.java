package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.haven.cases.internal.CaseDocuments;
import nl.haven.cases.internal.CaseSummaryExport;
import nl.haven.cases.internal.DocumentRefused;
import nl.haven.cases.internal.DocumentSettings;
import nl.haven.identity.CurrentStaff;
import nl.haven.shared.IfMatch;
import nl.haven.web.Paging;
import org.jspecify.annotations.Nullable;
import nl.haven.web.ProblemType;
import nl.haven.web.Problems;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;

/**
 * A case's documents and the lawyer's case summary (INTERFACES.md §6): upload (multipart, field {@code file}), list,
 * download, and {@code summary.pdf}. Downloads are attachments of the type sniffed at upload, never cached, never
 * sniffed again by the browser. Refused uploads are problem+json naming the limit or the accepted types.
 */
@RestController
@RequestMapping("/api/v1/cases/{id}")
class CaseDocumentApi {
    /** How much of an oversized upload is read and discarded so that the client receives the 413: this many times the limit. */
    static final int DRAIN_FACTOR = 4;

    private final CaseDocuments documents;
    private final CaseSummaryExport summaries;
    private final CurrentStaff staff;
    private final DocumentSettings settings;
    private final IdempotentCreates creates;

    CaseDocumentApi(CaseDocuments documents, CaseSummaryExport summaries, CurrentStaff staff, DocumentSettings settings,
            IdempotentCreates creates) {
        this.creates = creates;
        this.documents = documents;
        this.summaries = summaries;
        this.staff = staff;
        this.settings = settings;
    }

    /**
     * The multipart body stays in memory (see {@code web.MultipartLimits}) and is parsed only when this method's
     * argument is resolved ({@code spring.servlet.multipart.resolve-lazily}), so a size error comes to this
     * controller's handler below and not to the container's error page.
     */
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseDocuments.DocumentInfo> upload(@PathVariable UUID id, @RequestPart("file") MultipartFile file,
            @RequestHeader(name = IdempotentCreates.HEADER, required = false) @Nullable String key, HttpServletRequest http) throws IOException {
        // The fingerprint of a retried upload: the file's name, size and SHA-256 (a multipart boundary differs per send).
        Object content = key == null ? "" : IdempotentCreates.document(file.getOriginalFilename(), file.getBytes());
        return creates.create(key, http, content, CaseDocuments.DocumentInfo.class, () -> {
            try {
                CaseDocuments.DocumentInfo added = documents.add(staff.require(), id, file.getOriginalFilename(), file.getSize(),
                        file.getInputStream());
                return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/documents/" + added.id())).eTag(IfMatch.etag(added.id()))
                        .cacheControl(CacheControl.noStore()).body(added);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @GetMapping(path = "/documents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<CaseDocuments.DocumentInfo>> list(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size, HttpServletRequest http) {
        Paging.PageRequest asked = new Paging.PageRequest(page, size);
        return Paging.answer(http, asked, documents.list(staff.require(), id));
    }

    /** No {@code produces}: the type is the document's own, whatever the client accepts. A document never changes: its id is its ETag. */
    @GetMapping("/documents/{docId}")
    ResponseEntity<Resource> download(@PathVariable UUID id, @PathVariable UUID docId) {
        CaseDocuments.Download download = documents.download(staff.require(), id, docId);
        return ResponseEntity.ok().headers(attachment(download.name())).eTag(IfMatch.etag(docId)).contentType(MediaType.parseMediaType(download.mediaType()))
                .contentLength(download.size()).body(new InputStreamResource(download.content()));
    }

    @GetMapping("/summary.pdf")
    ResponseEntity<byte[]> summary(@PathVariable UUID id, Locale locale) {
        CaseSummaryExport.Exported exported = summaries.pdf(staff.require(), id, locale);
        return ResponseEntity.ok().headers(attachment("case-summary-" + exported.reference() + ".pdf")).contentType(MediaType.APPLICATION_PDF)
                .contentLength(exported.pdf().length).body(exported.pdf());
    }

    private static HttpHeaders attachment(String fileName) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build());
        headers.setCacheControl(CacheControl.noStore());
        headers.set("X-Content-Type-Options", "nosniff");
        return headers;
    }

    // --- refused uploads ----------------------------------------------------------------------------------------------

    @ExceptionHandler(DocumentRefused.class)
    ResponseEntity<ProblemDetail> refused(DocumentRefused e) {
        return switch (e.reason()) {
            case TOO_LARGE, TOO_MANY_PAGES -> tooLarge(e.getMessage());
            case UNSUPPORTED_TYPE, UNREADABLE -> {
                ProblemDetail problem = Problems.of(ProblemType.DOCUMENT_TYPE, e.getMessage());
                problem.setProperty("accepted", List.of("application/pdf", "image/jpeg", "image/png", "text/plain"));
                yield problem(problem);
            }
        };
    }

    /**
     * The container's own limit: the request's declared length was over the limit (refused before any of it was read),
     * or the part grew over it while being read. An HTTP/1.1 client is usually still sending the body and sees the
     * connection reset instead of this answer if the server closes it with much of the body unread (Tomcat reads and
     * discards at most 2 MB after a response). So a body refused by its declared length is read and discarded here, up
     * to {@link #DRAIN_FACTOR} times the limit, only for a staff member allowed to upload (this runs after
     * authentication and the role check), never for anonymous requests. (A part refused while being read has at most
     * the multipart framing left when its length was declared; a chunked upload far over the limit may still end in a
     * reset, because the container has closed the body stream by then.)
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLargeForTheContainer(MaxUploadSizeExceededException e, HttpServletRequest request) {
        long bound = DRAIN_FACTOR * (settings.maxSize().toBytes() + DocumentSettings.MULTIPART_OVERHEAD.toBytes());
        if (request.getContentLengthLong() <= bound) {
            try (InputStream rest = request.getInputStream()) {
                long drained = 0;
                byte[] buffer = new byte[64 * 1024];
                for (int n; drained <= bound && (n = rest.read(buffer)) >= 0;) {
                    drained += n;
                }
            } catch (IOException | IllegalStateException closed) {
                // the container closed the body (a part refused while being read), or the client went away
            }
        }
        return tooLarge("The document is larger than " + settings.describeLimit()
                + ", the most Haven accepts (haven.cases.documents.max-size).");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> notMultipart(MultipartException e) {
        return problem(Problems.badInput("file",
                "The upload could not be read: expected a multipart/form-data request with the document in the field 'file'."));
    }

    private ResponseEntity<ProblemDetail> tooLarge(String detail) {
        ProblemDetail problem = Problems.of(ProblemType.DOCUMENT_TOO_LARGE, detail);
        problem.setProperty("limitBytes", settings.maxSize().toBytes());
        return problem(problem);
    }

    /** A fixed instance: the request path (with the case id) stays out of the body. */
    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return Problems.answerNotStored(Problems.withoutAddress(problem));
    }
}
