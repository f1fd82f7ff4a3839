package nl.haven.cases.internal;

import nl.haven.web.UploadLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Case documents.
 *
 * @param maxSize the largest document accepted ({@code haven.cases.documents.max-size}, default 10 MB). The servlet
 *     container's multipart limits are derived from it (as {@link UploadLimits}, see {@code web.MultipartLimits}), so
 *     an upload is refused at the same size whichever layer sees it first.
 */
@ConfigurationProperties("haven.cases.documents")
public record DocumentSettings(@DefaultValue("10MB") DataSize maxSize) implements UploadLimits {
    /** Multipart framing around the one file field: boundaries and part headers. */
    public static final DataSize MULTIPART_OVERHEAD = DataSize.ofKilobytes(64);

    public DocumentSettings {
        if (maxSize.toBytes() < 1 || maxSize.toBytes() > DataSize.ofMegabytes(512).toBytes()) {
            throw new IllegalArgumentException("haven.cases.documents.max-size is " + maxSize + "; expected 1B to 512MB, e.g. 10MB");
        }
    }

    /** One document. */
    @Override
    public DataSize largestUploadPart() {
        return maxSize;
    }

    /** One document and the multipart framing around it. */
    @Override
    public DataSize largestUploadRequest() {
        return DataSize.ofBytes(maxSize.toBytes() + MULTIPART_OVERHEAD.toBytes());
    }

    @Override
    public String uploadLimitProperty() {
        return "haven.cases.documents.max-size";
    }

    /** The limit as people read it, e.g. "10 MB (10485760 bytes)". */
    public String describeLimit() {
        long bytes = maxSize.toBytes();
        String unit = bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : null;
        return unit == null ? bytes + " bytes" : unit + " (" + bytes + " bytes)";
    }
}
