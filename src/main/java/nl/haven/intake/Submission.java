package nl.haven.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.haven.cases.CaseDetails;
import nl.haven.cases.RequesterCases;
import org.jspecify.annotations.Nullable;

/**
 * One request for help, checked ({@link IntakeRules}), from the form or the API. {@link #toString()} shows nothing of
 * its content.
 *
 * @param files the documents to store (derivatives, and originals kept with consent), already checked
 */
record Submission(String language, @Nullable String nationality, @Nullable String countryOfResidence, @Nullable String nameUsed,
        @Nullable String pronouns, List<String> groups, String message, String contactChannel, @Nullable String contactValue,
        List<RequesterCases.IntakeDocument> files) {

    Submission {
        groups = List.copyOf(groups);
        files = List.copyOf(files);
    }

    CaseDetails details() {
        CaseDetails.SafeContact contact = new CaseDetails.SafeContact(contactChannel, contactValue, null, null);
        return new CaseDetails(nameUsed, pronouns, null, groups, List.of(), false, message, language, contact, Map.of());
    }

    /** A digest of everything in the request, to tell a retry from a different request under the same key. Kept sealed. */
    String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { language, nationality, countryOfResidence, nameUsed, pronouns, String.join("\u001f", groups), message,
                    contactChannel, contactValue }) {
                sha.update((part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1e);
            }
            for (RequesterCases.IntakeDocument file : files) {
                sha.update(file.mediaType().getBytes(StandardCharsets.UTF_8));
                sha.update(MessageDigest.getInstance("SHA-256").digest(file.content()));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Submission[" + language + ", " + files.size() + " files]";
    }
}
