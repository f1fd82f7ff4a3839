package nl.haven.shared;

import java.util.List;
import java.util.Map;

/**
 * What a confirmation page shows before a step that cannot simply be undone (closing a case, deactivating an
 * account, ...): a question, what will happen, and one form that posts the same fields again with
 * {@value #CONFIRMED}{@code =true}; the other way out is a link back that changes nothing. A post without that field
 * only shows this page, so a single click never acts. Texts are in the page's language; no case content.
 *
 * @param heading the question, e.g. "Close case HVN-2026-0001?"
 * @param consequences what will happen, one sentence each
 * @param action the address the form posts to (the same as the first post's)
 * @param fields the posted fields to send again, by name
 * @param confirmLabel the label of the button that acts
 * @param cancel the address of the way back
 */
public record Confirmation(String heading, List<String> consequences, String action, Map<String, String> fields, String confirmLabel,
        String cancel) {
    /** The template that shows a confirmation: {@code templates/confirm.html}, with the record as {@code confirmation}. */
    public static final String VIEW = "confirm";
    /** The form field that says the step was confirmed on its page. */
    public static final String CONFIRMED = "confirmed";

    @Override
    public String toString() {
        return "Confirmation[" + action + "]";
    }
}
