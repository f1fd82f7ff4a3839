package nl.haven.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The upload sniffer and the file-name rule, without Spring. */
class DocumentTypesTests {
    static final DocumentTypes.Accepted PDF = DocumentTypes.accepted("application/pdf").orElseThrow();
    static final DocumentTypes.Accepted TEXT = DocumentTypes.accepted("text/plain").orElseThrow();

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognisesTheAcceptedTypesByTheirBytes() {
        assertThat(DocumentTypes.sniff(ascii("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"))).isEqualTo("application/pdf");
        assertThat(DocumentTypes.sniff(Base64.getDecoder()
                .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="))).isEqualTo("image/png");
        assertThat(DocumentTypes.sniff(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0 }))
                .isEqualTo("image/jpeg");
        assertThat(DocumentTypes.sniff("Заявление: I am gay and fled Chechnya.\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/plain");
    }

    @Test
    void executablesArchivesAndActiveContentAreNotAcceptedWhateverTheyAreCalled() {
        for (byte[] content : new byte[][] { ascii("MZ\u0090\u0000\u0003"), ascii("\u007fELF\u0002\u0001\u0001"), ascii("PK\u0003\u0004"),
                ascii("<html><script>x</script></html>"), ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), ascii("#!/bin/sh\nrm -rf /"),
                ascii("GIF89a"), ascii("{\\rtf1 x}"), ascii("abc\u0000\u0001\u0002") }) {
            String type = DocumentTypes.sniff(content);
            assertThat(DocumentTypes.accepted(type)).as(type).isEmpty();
        }
    }

    @Test
    void arbitraryBytesGiveATypeAndNeverAnException() {
        Random random = new Random(20261123);
        for (int i = 0; i < 2_000; i++) {
            byte[] content = new byte[random.nextInt(300)];
            random.nextBytes(content);
            if (i % 3 == 0 && content.length > 5) {
                System.arraycopy(ascii("%PDF-"), 0, content, 0, 5); // a valid start, then garbage
            }
            assertThat(DocumentTypes.sniff(content)).isNotBlank();
        }
    }

    @Test
    void theStoredNameIsTheLastSegmentCleanedAndEndsInAnExtensionOfTheSniffedType() {
        assertThat(DocumentTypes.safeName("C:\\Users\\me\\scan.PDF", PDF)).isEqualTo("scan.PDF");
        assertThat(DocumentTypes.safeName("../../etc/passwd", TEXT)).isEqualTo("passwd.txt");
        assertThat(DocumentTypes.safeName("report.pdf", TEXT)).isEqualTo("report.pdf.txt");
        // A right-to-left override would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
        assertThat(DocumentTypes.safeName("invoice\u202Efdp.exe", PDF)).isEqualTo("invoice_fdp.exe.pdf");
        assertThat(DocumentTypes.safeName("a\"b\r\nc.pdf", PDF)).isEqualTo("a_b__c.pdf");
        assertThat(DocumentTypes.safeName("", PDF)).isEqualTo("document.pdf");
        assertThat(DocumentTypes.safeName("...", PDF)).isEqualTo("document.pdf");
        assertThat(DocumentTypes.safeName(".hidden.txt", TEXT)).isEqualTo("hidden.txt");
        assertThat(DocumentTypes.safeName("Паспорт Алексея.pdf", PDF)).isEqualTo("Паспорт Алексея.pdf");
        String longName = "😀".repeat(150) + ".pdf";
        String cut = DocumentTypes.safeName(longName, PDF);
        assertThat(cut).hasSizeLessThanOrEqualTo(DocumentTypes.MAX_NAME).endsWith(".pdf");
        assertThat(cut.codePoints().filter(c -> c == 0xFFFD || Character.isSurrogate((char) c)).count()).isZero();
    }
}
