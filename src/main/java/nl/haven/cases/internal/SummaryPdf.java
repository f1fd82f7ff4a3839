package nl.haven.cases.internal;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import nl.haven.identity.OrganisationDirectory;
import nl.haven.shared.OrgId;
import nl.haven.shared.PdfScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders the case summary: the Thymeleaf template {@code templates/cases/summary-pdf.html} (XHTML) to PDF with
 * openhtmltopdf on PDFBox. The fonts are DejaVu Sans from the jar (Latin, Cyrillic, Greek and more; subsets are
 * embedded) and, for Arabic, Persian and Urdu, Noto Naskh Arabic with shaping and the bidi algorithm ({@link PdfScripts}):
 * the document runs right to left in those languages, and a note or name written in them runs right to left anywhere.
 * The renderer may load nothing else: no network, no files. Its own log (java.util.logging on standard error by
 * default) goes to SLF4J as warnings without their text, because that text may quote the case.
 */
@Component
class SummaryPdf {
    static final String TEMPLATE = "cases/summary-pdf";
    static final String FAMILY = "DejaVu Sans";
    private static final Logger LOG = LoggerFactory.getLogger(SummaryPdf.class);

    static {
        XRLog.setLoggerImpl(new WithoutText());
    }

    private final ITemplateEngine templates;
    private final OrganisationDirectory organisations;
    private final byte[] regular;
    private final byte[] bold;

    SummaryPdf(ITemplateEngine templates, OrganisationDirectory organisations) {
        this.templates = templates;
        this.organisations = organisations;
        this.regular = font("DejaVuSans.ttf");
        this.bold = font("DejaVuSans-Bold.ttf");
    }

    private static byte[] font(String file) {
        try (InputStream in = SummaryPdf.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the font fonts/" + file + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary of a case of {@code org}, whose name heads every page (with the date and page number at the foot). */
    byte[] render(CaseSummaryExport.Summary summary, UUID org, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("s", summary);
        context.setVariable("dir", PdfScripts.dir(locale));
        context.setVariable("fontFamily", PdfScripts.family(locale, FAMILY));
        context.setVariable("bidi", new Bidi());
        context.setVariable("organisation", CaseSummaryExport.xml(organisations.byId(new OrgId(org)).map(OrganisationDirectory.Organisation::name).orElse("")));
        String xhtml = templates.process(TEMPLATE, context);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            PdfScripts.apply(builder, locale);
            builder.useFont(() -> new ByteArrayInputStream(regular), FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(bold), FAMILY, 700, FontStyle.NORMAL, true);
            for (ExternalResourceControlPriority priority : ExternalResourceControlPriority.values()) {
                builder.useExternalResourceAccessControl((uri, type) -> false, priority);
            }
            builder.withDiagnosticConsumer(d -> {
                if (d.getLevel().intValue() >= Level.WARNING.intValue()) {
                    LOG.warn("PDF renderer: {} ({})", d.getLogMessageId(), d.getLevel());
                }
            });
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the case summary of " + summary.reference() + " could not be rendered", e);
        }
        return out.toByteArray();
    }

    /** For the template: the direction of a text the person or a caseworker wrote, from its first strong letter. */
    static final class Bidi {
        public String of(String text) {
            return PdfScripts.dirOf(text);
        }
    }

    /** openhtmltopdf's log: warnings and errors only, by where they come from, never their text. */
    static final class WithoutText implements XRLogger {
        @Override
        public void log(String where, Level level, String message) {
            if (level.intValue() >= Level.WARNING.intValue()) {
                LOG.warn("PDF renderer: a {} message from {} (its text is not logged: it may quote case content)", level, where);
            }
        }

        @Override
        public void log(String where, Level level, String message, Throwable error) {
            if (level.intValue() >= Level.WARNING.intValue()) {
                LOG.warn("PDF renderer: a {} message from {} with {} (its text is not logged: it may quote case content)", level, where,
                        error.getClass().getName());
            }
        }

        @Override
        public void setLevel(String logger, Level level) {
        }

        @Override
        public boolean isLogLevelEnabled(Diagnostic diagnostic) {
            return diagnostic.getLevel().intValue() >= Level.WARNING.intValue();
        }
    }
}
