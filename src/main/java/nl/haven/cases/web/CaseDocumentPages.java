package nl.haven.cases.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;
import nl.haven.cases.PdfDerivative;
import nl.haven.cases.internal.CaseDocuments;
import nl.haven.cases.internal.DocumentRefused;
import nl.haven.cases.internal.DocumentSettings;
import nl.haven.identity.StaffMember;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adding a document on the case page: the file checked and stored, or the page again naming what is wrong with it. */
@Controller
@RequestMapping("/cases/{id}")
class CaseDocumentPages {
    private final CaseDocuments documents;
    private final DocumentSettings documentSettings;
    private final CaseDossier dossier;
    private final PageSupport support;

    CaseDocumentPages(CaseDocuments documents, DocumentSettings documentSettings, CaseDossier dossier, PageSupport support) {
        this.documents = documents;
        this.documentSettings = documentSettings;
        this.dossier = dossier;
        this.support = support;
    }

    /**
     * A document for the case, as a browser uploads it (multipart, field {@code file}). An empty file, one of another
     * type or one over the documents' limit is refused at the field. A request over the container's multipart limits
     * (the larger of the documents' and the intake's, see web.MultipartLimits) never gets here: the container refuses
     * it while the CSRF check reads the form (413, on the error page that says so).
     */
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(@PathVariable String id, @RequestParam(name = "file", required = false) @Nullable MultipartFile file, Model model,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        UUID caseId = PageSupport.id(id);
        StaffMember who = support.who();
        if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty()))) {
            return dossier.refused(who, caseId, support.problem("document-file", locale, "cases.error.document.none"), response, model, locale);
        }
        try (InputStream content = file.getInputStream()) {
            documents.add(who, caseId, file.getOriginalFilename(), file.getSize(), content);
        } catch (DocumentRefused e) {
            return switch (e.reason()) {
                case TOO_LARGE -> dossier.refused(who, caseId, support.problem("document-file", locale, "cases.error.document.tooLarge",
                        dossier.size(documentSettings.maxSize().toBytes(), locale)), response, model, locale, HttpStatus.CONTENT_TOO_LARGE);
                case UNSUPPORTED_TYPE -> dossier.refused(who, caseId, support.problem("document-file", locale, "cases.error.document.type"), response,
                        model, locale, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
                case TOO_MANY_PAGES -> dossier.refused(who, caseId, support.problem("document-file", locale, "cases.error.document.pages",
                        PdfDerivative.MAX_PAGES), response, model, locale, HttpStatus.CONTENT_TOO_LARGE);
                case UNREADABLE -> dossier.refused(who, caseId, support.problem("document-file", locale, "cases.error.document.unreadablePdf"), response,
                        model, locale, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
            };
        } catch (BadInputException e) {
            return dossier.refused(who, caseId, support.problem("document-file", locale, "cases.error.document.empty"), response, model, locale);
        }
        return CaseDossier.done(caseId, "documents", "cases.done.documentAdded", null, redirect, locale);
    }
}
