package nl.haven.intake;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The intake form as posted (a form record, never an entity). {@code submission} is a random token the form carries
 * so that sending the same form twice (a double click, a reload) opens one case. {@link #toString()} shows nothing.
 */
record IntakeForm(@Nullable String submission, @Nullable String nameUsed, @Nullable String pronouns, @Nullable List<String> groups,
        @Nullable String nationality, @Nullable String countryOfResidence, @Nullable String message, @Nullable String contactChannel,
        @Nullable String contactValue, @Nullable Boolean consentProcessing, @Nullable Boolean consentOriginals) {

    static IntakeForm empty() {
        return new IntakeForm(UUID.randomUUID().toString(), null, null, List.of(), null, null, null, "none", null, false, false);
    }

    List<String> groupList() {
        return groups == null ? List.of() : groups;
    }

    boolean processingAgreed() {
        return Boolean.TRUE.equals(consentProcessing);
    }

    boolean originalsAgreed() {
        return Boolean.TRUE.equals(consentOriginals);
    }

    String channel() {
        return contactChannel == null || contactChannel.isBlank() ? "none" : contactChannel;
    }

    @Override
    public String toString() {
        return "IntakeForm[…]";
    }
}
