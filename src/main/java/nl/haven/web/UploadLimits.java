package nl.haven.web;

import org.springframework.util.unit.DataSize;

/**
 * What a module's multipart uploads may reach, implemented by its settings (case documents, the public intake). The
 * container has one multipart configuration for the whole application ({@link MultipartLimits}): the largest of these.
 * Each module still checks its own limits itself, with its own answers.
 */
public interface UploadLimits {

    /** The largest single part the container must accept for this module. */
    DataSize largestUploadPart();

    /** The largest whole multipart request the container must accept for this module: its parts and their framing. */
    DataSize largestUploadRequest();

    /** The settings that set the limits, for a message that says which to change, e.g. {@code haven.intake.max-upload-size}. */
    String uploadLimitProperty();
}
