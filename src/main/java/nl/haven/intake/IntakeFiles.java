package nl.haven.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import nl.haven.cases.RequesterCases;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files a person sends, with the intake form or later on the follow-up page (issue #20 point 4): the same checks
 * and limits ({@code haven.intake.*}) and the same stripping ({@link Uploads}) in both places.
 */
@Component
class IntakeFiles {
    private final IntakeSettings settings;

    IntakeFiles(IntakeSettings settings) {
        this.settings = settings;
    }

    /** A file that passed the cheap checks, not yet decoded. */
    record Upload(@Nullable String clientName, String shownName, byte[] content) {
        @Override
        public String toString() {
            return "Upload[" + content.length + " bytes]";
        }
    }

    /**
     * The files, checked without decoding anything: their number and sizes, their type by content (the first bytes),
     * and for pictures the pixels their headers declare, each and together. Problems are added for any that cannot be
     * taken.
     */
    List<Upload> checked(@Nullable List<MultipartFile> files, List<IntakePages.Shown> problems) {
        List<MultipartFile> sent = files == null ? List.of()
                : files.stream().filter(f -> f != null && !f.isEmpty()).toList();
        List<Upload> uploads = new ArrayList<>();
        if (sent.size() > settings.maxFiles()) {
            problems.add(new IntakePages.Shown("files", "intake.error.files.count", new Object[] { settings.maxFiles() }));
            return uploads;
        }
        long total = sent.stream().mapToLong(MultipartFile::getSize).sum();
        if (total > settings.maxUploadSize().toBytes()) {
            problems.add(new IntakePages.Shown("files", "intake.error.files.total", new Object[] { settings.maxUploadMegabytes() }));
            return uploads;
        }
        long pixels = 0;
        for (MultipartFile file : sent) {
            String name = Uploads.safeName(file.getOriginalFilename(), Uploads.Kind.PDF);
            String shownName = name.substring(0, name.length() - 4);
            if (file.getSize() > settings.maxFileSize().toBytes()) {
                problems.add(new IntakePages.Shown("files", "intake.error.file.large", new Object[] { shownName, settings.maxFileMegabytes() }));
                continue;
            }
            byte[] content;
            try {
                content = file.getBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("an uploaded part could not be read", e);
            }
            Uploads.Kind kind = Uploads.sniff(content).orElse(null);
            if (kind == null) {
                problems.add(new IntakePages.Shown("files", "intake.error.file.type", new Object[] { shownName }));
                continue;
            }
            if (kind != Uploads.Kind.PDF) {
                OptionalLong declared = Uploads.declaredPixels(content);
                if (declared.isEmpty()) {
                    problems.add(new IntakePages.Shown("files", "intake.error.file.unreadable", new Object[] { shownName }));
                    continue;
                }
                if (declared.getAsLong() > settings.maxPixels()) {
                    problems.add(new IntakePages.Shown("files", "intake.error.file.pixels", new Object[] { shownName }));
                    continue;
                }
                pixels += declared.getAsLong();
            }
            uploads.add(new Upload(file.getOriginalFilename(), shownName, content));
        }
        if (pixels > settings.maxPixelsPerRequest()) {
            problems.add(new IntakePages.Shown("files", "intake.error.files.pixels", new Object[] { settings.maxPixelsPerRequest() / 1_000_000 }));
        }
        return uploads;
    }

    /** The files decoded and stripped of their metadata (Uploads); problems are added for any that cannot be read. */
    static List<RequesterCases.IntakeDocument> stripped(List<Upload> uploads, boolean keepOriginals, List<IntakePages.Shown> problems) {
        List<RequesterCases.IntakeDocument> documents = new ArrayList<>();
        for (Upload upload : uploads) {
            try {
                documents.addAll(Uploads.prepare(upload.clientName(), upload.content(), keepOriginals));
            } catch (Uploads.Refused refused) {
                problems.add(new IntakePages.Shown("files", refused.key(), new Object[] { upload.shownName() }));
            }
        }
        return documents;
    }
}
