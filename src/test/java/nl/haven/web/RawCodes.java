package nl.haven.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.haven.cases.internal.CaseAuditAction;
import nl.haven.cases.internal.CaseEventType;
import nl.haven.policy.LegalTerm;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.ProcedureStage;
import nl.haven.policy.Provision;
import nl.haven.policy.RouteData;
import nl.haven.policy.RouteParameter;
import nl.haven.policy.RouteStatement;
import nl.haven.policy.Safeguard;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;
import org.springframework.web.util.HtmlUtils;

/**
 * The raw codes staff must never read (issue #19, point 4), generated rather than typed: every constant of every enum
 * of Haven's main code, every code of the shipped policy data set (routes, route parameters and statements, provisions,
 * facts, safeguards, sources, regimes, procedure stages and legal terms), every timeline event code and every profile
 * field path that route advice can name as missing (the {@code field.*} keys of the message bundle), and every audit
 * action Haven writes ({@link #auditActions()}: the audit-log viewer shows them in words).
 *
 * <p>Left out, and why: codes shorter than three characters (country codes such as {@code RU} are shown beside the
 * country's name, and {@code EU} is an ordinary word: "EU Blue Card"); data set codes that are one lower-case word
 * ({@code gay}, {@code trans}, {@code asylum}): they are ordinary words of the labels themselves — their labels are
 * checked by {@code LabelsTests} instead; the file formats {@code PDF}, {@code PNG}, {@code JPEG}, {@code CSV}, which
 * are ordinary words of the pages ("Download the PDF report").
 */
public final class RawCodes {
    /** File formats are words people read (a document "PDF", "the PDF report"), though they are also constants. */
    static final Set<String> FILE_FORMATS = Set.of("PDF", "PNG", "JPEG", "CSV");
    static final Pattern CODE_LIKE = Pattern.compile(".*([-._]|\\p{Ll}\\p{Lu}).*");

    private RawCodes() {
    }

    public static Set<String> all() {
        Set<String> codes = new TreeSet<>();
        for (Class<?> type : enums()) {
            for (Object constant : type.getEnumConstants()) {
                codes.add(((Enum<?>) constant).name());
            }
        }
        codes.addAll(dataSet());
        codes.addAll(fieldPaths());
        Arrays.stream(CaseEventType.values()).map(CaseEventType::code).forEach(codes::add);
        codes.addAll(auditActions());
        codes.removeIf(code -> code.length() < 3 || FILE_FORMATS.contains(code));
        return codes;
    }

    /** Every enum in Haven's main code (not its tests). */
    public static Set<Class<?>> enums() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scan.addIncludeFilter((reader, factory) -> "java.lang.Enum".equals(reader.getClassMetadata().getSuperClassName())
                && !reader.getResource().toString().contains("test-classes"));
        Set<Class<?>> types = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
        for (BeanDefinition definition : scan.findCandidateComponents("nl.haven")) {
            types.add(ClassUtils.resolveClassName(definition.getBeanClassName(), RawCodes.class.getClassLoader()));
        }
        return types;
    }

    /** The shipped data set's codes that look like codes (a hyphen, dot, underscore or camelCase inside). */
    public static Set<String> dataSet() {
        PolicyDataSet data = PolicyDataSet.shipped();
        Set<String> codes = new TreeSet<>();
        codes.addAll(data.sources().keySet());
        codes.addAll(data.facts().keySet());
        data.safeguards().stream().map(Safeguard::id).forEach(codes::add);
        codes.addAll(data.regimes().keySet());
        data.provisions().stream().map(Provision::id).forEach(codes::add);
        data.procedure().stages().stream().map(ProcedureStage::id).forEach(codes::add);
        data.procedure().terms().values().stream().map(LegalTerm::id).forEach(codes::add);
        for (RouteData route : data.routes().values()) {
            codes.add(route.route());
            route.parameters().values().stream().map(RouteParameter::id).forEach(codes::add);
            route.statements().stream().map(RouteStatement::id).forEach(codes::add);
        }
        codes.removeIf(code -> !CODE_LIKE.matcher(code).matches());
        return codes;
    }

    /** An action code as {@code AuditEvent} accepts it ({@code case.read}, {@code user.role-grant-approved}). */
    static final Pattern ACTION = Pattern.compile("[a-z]+(\\.[a-z-]+)+");
    /** A call that makes an audit event, with the rest of its statement (it may span lines). */
    static final Pattern AUDIT_CALL = Pattern.compile("AuditEvent\\.of\\(([^;]*)");
    static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");

    /**
     * Every audit action Haven's main code writes: the cases module's {@link CaseAuditAction} and {@link CaseEventType}
     * codes, and every string literal shaped like an action in the arguments of an {@code AuditEvent.of(…)} call in
     * {@code src/main/java} (the identity, intake and audit modules write theirs as literals).
     */
    public static Set<String> auditActions() {
        Set<String> actions = new TreeSet<>();
        Arrays.stream(CaseAuditAction.values()).map(CaseAuditAction::code).forEach(actions::add);
        Arrays.stream(CaseEventType.values()).map(CaseEventType::code).forEach(actions::add);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher call = AUDIT_CALL.matcher(Files.readString(file));
                while (call.find()) {
                    Matcher literal = LITERAL.matcher(call.group(1));
                    while (literal.find()) {
                        if (ACTION.matcher(literal.group(1)).matches()) {
                            actions.add(literal.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return actions;
    }

    /** The profile fields route advice names as missing: the {@code field.*} keys of the English bundle. */
    static Set<String> fieldPaths() {
        Properties bundle = new Properties();
        try (InputStream in = RawCodes.class.getResourceAsStream("/messages.properties")) {
            bundle.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> paths = new TreeSet<>();
        bundle.stringPropertyNames().stream().filter(k -> k.startsWith("field.")).map(k -> k.substring("field.".length()))
                .filter(p -> CODE_LIKE.matcher(p).matches()).forEach(paths::add);
        return paths;
    }

    static final Pattern HIDDEN = Pattern.compile("(?is)<!--.*?-->|<script\\b.*?</script>|<style\\b.*?</style>|<textarea\\b.*?</textarea>"
            + "|<details class=\"technical\">.*?</details>");
    static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    /**
     * An HTML page's visible text as {@code RawCodesWalkIT} reads it: without tags (attributes are not read),
     * {@code <script>}, {@code <style>}, {@code <textarea>}, comments and {@code <details class="technical">} blocks.
     */
    public static String visibleText(String html) {
        return HtmlUtils.htmlUnescape(TAG.matcher(HIDDEN.matcher(html).replaceAll(" ")).replaceAll(" "));
    }

    /** Each code that stands as a word of its own (not inside a longer word, identifier or address), case-sensitively. */
    public static Set<String> in(String text, Set<String> codes) {
        Set<String> raw = new TreeSet<>();
        for (String code : codes) {
            if (!text.contains(code)) {
                continue;
            }
            Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}_.\\-/])" + Pattern.quote(code) + "(?![\\p{L}\\p{N}_\\-/]|\\.[\\p{L}\\p{N}])").matcher(text);
            if (m.find()) {
                int from = Math.max(0, m.start() - 30);
                int to = Math.min(text.length(), m.end() + 30);
                raw.add(code + " in «" + text.substring(from, to).replaceAll("\\s+", " ").strip() + "»");
            }
        }
        return raw;
    }
}
