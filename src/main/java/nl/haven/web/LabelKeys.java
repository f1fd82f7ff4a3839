package nl.haven.web;

import java.util.Map;
import java.util.function.Function;

/**
 * Where the words for a module's codes are (issue #19, point 4): for each enum a module shows to people, the message
 * key of a constant's label, e.g. {@code Stage.APPLIED} → {@code cases.stage.APPLIED}. A module publishes one bean of
 * this type; {@link Labels} (in templates {@code @labels}) asks them. The web module knows no other module's types,
 * so each module names its own (and the policy module, which depends on no module, has its codes named by the cases
 * module, the one that shows them to staff).
 */
public interface LabelKeys {

    /** Each labelled enum with the function from a constant to its message key. */
    Map<Class<? extends Enum<?>>, Function<Enum<?>, String>> keys();
}
