package nl.haven.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import nl.haven.policy.AssessmentDocument;
import nl.haven.policy.DeadlineDocument;
import nl.haven.policy.LegalTerms;
import nl.haven.policy.PolicyDataException;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyFiles;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.Review;
import nl.haven.policy.TimelineDocument;
import nl.haven.shared.BadInputException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import nl.haven.shared.Languages;

/** {@code haven policy assess | check | timeline | deadline}: the policy engine without a server. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Dutch asylum policy for LGBTIQ+ claims as of a date.",
        subcommands = { PolicyCommand.Assess.class, PolicyCommand.Check.class, PolicyCommand.Timeline.class, PolicyCommand.Deadline.class,
                PolicyImpactCommand.class, PolicyChangesCommand.class })
final class PolicyCommand {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The data set of HAVEN_POLICY_DIR, or the shipped one. */
    static PolicyDataSet dataSet(@Nullable Path dir) {
        return PolicyDataSet.load(files(dir));
    }

    /** The files of the data set in {@code dir}, else of HAVEN_POLICY_DIR, else the shipped ones. */
    static PolicyFiles files(@Nullable Path dir) {
        String env = System.getenv("HAVEN_POLICY_DIR");
        return dir != null ? PolicyFiles.fromDirectory(dir)
                : env != null && !env.isBlank() ? PolicyFiles.fromDirectory(Path.of(env)) : PolicyFiles.shipped();
    }

    /** A date option, or bad input naming it. */
    static LocalDate parseDate(String option, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadInputException(option, "malformed --" + option + " '" + value + "': expected a date YYYY-MM-DD");
        }
    }

    /** Input errors of the policy engine are bad input (exit 2). */
    static <T> T input(Callable<T> call) throws Exception {
        try {
            return call.call();
        } catch (PolicyInputException e) {
            throw new BadInputException(e.field(), e.getMessage());
        }
    }

    static String language(String lang) {
        if (!Languages.codes().contains(lang)) {
            throw new BadInputException("lang", "unknown language '" + lang + "': expected " + Languages.expected());
        }
        return lang;
    }

    @Command(name = "assess", mixinStandardHelpOptions = true,
            description = "Which assessment framework applies: the evidentiary standard, its reasoning and its sources.")
    static final class Assess implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--nationality", required = true, paramLabel = "CC", description = "ISO 3166-1 alpha-2, e.g. RU")
        String nationality;
        @Option(names = "--region", paramLabel = "CODE", description = "ISO 3166-2 region, e.g. RU-CE")
        @Nullable String region;
        @Option(names = "--group", required = true, paramLabel = "GROUP", description = "lesbian, gay, bisexual, trans, intersex, nonbinary, queer (repeatable)")
        List<String> groups = new ArrayList<>();
        @Option(names = "--fact", paramLabel = "FACT", description = "a fact code of the data set, e.g. military-dismissal (repeatable)")
        List<String> facts = new ArrayList<>();
        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "the policy in force on this day")
        String date;
        @Option(names = "--known-at", paramLabel = "YYYY-MM-DD", description = "the policy as it was known on this day")
        @Nullable String knownAt;
        @Option(names = "--lang", defaultValue = "en", description = "en, nl or ru (default: ${DEFAULT-VALUE})")
        String lang;
        @Option(names = "--json", description = "print the JSON document of INTERFACES.md §3")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PolicyEngine engine = new PolicyEngine(dataSet(null));
            String language = language(lang);
            AssessmentDocument doc = input(() -> AssessmentDocument.of(
                    engine.assess(engine.query(nationality, region, groups, facts, date, knownAt)), engine.dataSet(), language));
            return emit(spec, json, doc, out -> PolicyText.print(doc, out));
        }
    }

    /** Prints a document as JSON or as text for people. */
    static int emit(CommandLine.Model.CommandSpec spec, boolean json, Object doc, Consumer<PrintWriter> text) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(doc));
        } else {
            text.accept(out);
        }
        out.flush();
        return HavenCli.OK;
    }

    /** Today in the Netherlands, where the policy applies. */
    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Europe/Amsterdam"));
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = { "Validate a policy data set: every error as FILE:LINE: message (exit 1 when there is any).",
                    "Then, as warnings (exit 0), the files last checked against their sources more than 180 days before today." })
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--dir", paramLabel = "DIR", description = "the data set directory (default: HAVEN_POLICY_DIR, else the shipped data set)")
        @Nullable Path dir;
        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "judge the files' reviewedOn as of this day (default: today)")
        @Nullable String asOf;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            LocalDate day = asOf == null ? today() : parseDate("as-of", asOf);
            try {
                PolicyDataSet dataSet = input(() -> dataSet(dir));
                out.printf("OK: %d provisions for %d countries, %d sources, %d facts, %d safeguards; version %s%n", dataSet.provisions().size(),
                        dataSet.countriesWithProvisions().size(), dataSet.sources().size(), dataSet.facts().size(),
                        dataSet.safeguards().size(), dataSet.version());
                printReviews(out, dataSet, day);
                out.flush();
                return HavenCli.OK;
            } catch (PolicyDataException e) {
                e.errors().forEach(out::println);
                out.flush();
                spec.commandLine().getErr().println("haven: " + e.errors().size() + " error(s) in the policy data set");
                spec.commandLine().getErr().flush();
                return HavenCli.PROBLEM;
            }
        }
    }

    /**
     * The warning block of {@code policy check}: every file whose reviewedOn is more than 180 days before {@code day}
     * ({@link nl.haven.policy.Review#staleOn}), every route file that records none, and every reviewedOn after {@code day}.
     */
    static void printReviews(PrintWriter out, PolicyDataSet dataSet, LocalDate day) {
        List<String> lines = new ArrayList<>();
        for (Review review : dataSet.reviews()) {
            if (review.reviewedOn() == null) {
                lines.add(review.file() + ": no reviewedOn: when it was last checked against its sources is not recorded");
            } else if (review.reviewedOn().isAfter(day)) {
                lines.add(review.file() + ": reviewedOn " + review.reviewedOn() + " is after " + day + ": a review cannot be in the future");
            } else if (review.staleOn(day)) {
                lines.add(review.file() + ": last reviewed on " + review.reviewedOn() + ", " + review.ageOn(day) + " days ago");
            }
        }
        if (!lines.isEmpty()) {
            out.println();
            out.printf("Warnings: %d file(s) not checked against their sources in the %d days before %s; answers that rest on them say so:%n",
                    lines.size(), Review.MAX_AGE_DAYS, day);
            lines.forEach(line -> out.println("  ! " + line));
        }
    }

    @Command(name = "deadline", mixinStandardHelpOptions = true,
            description = { "When a legal term of the asylum procedure ends: the term from procedure.yaml, then the Algemene termijnenwet.",
                    "Prints the last day to act, the safe day (PRIMARY rules only), the term and its article, the holidays and Atw "
                            + "rules that moved the end, the sources, the confidence and the warnings." })
    static final class Deadline implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--term", required = true, paramLabel = "ID", description = "a legal term of procedure.yaml, e.g. appeal-term")
        String term;
        @Option(names = "--event-date", required = true, paramLabel = "YYYY-MM-DD",
                description = "the day of the event the term runs from (the decision handed over or sent, the application received)")
        String eventDate;
        @Option(names = "--track", paramLabel = "T", description = "the track, for a term whose length depends on it")
        @Nullable String track;
        @Option(names = "--application-date", paramLabel = "YYYY-MM-DD",
                description = "the day the asylum application was lodged, for a term whose rule depends on it (an event from 12 June 2026 on an older application)")
        @Nullable String applicationDate;
        @Option(names = "--lang", defaultValue = "en", description = "en, nl or ru (default: ${DEFAULT-VALUE})")
        String lang;
        @Option(names = "--json", description = "print JSON (the same document as GET /api/v1/policy/deadline)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String language = language(lang);
            LocalDate event = parseDate("event-date", eventDate);
            PolicyDataSet dataSet = dataSet(null);
            LegalTerms terms = LegalTerms.of(dataSet);
            String lodged = applicationDate == null ? null : parseDate("application-date", applicationDate).toString();
            DeadlineDocument doc = input(() -> {
                try {
                    return DeadlineDocument.answer(terms, dataSet, term, event.toString(), track, lodged, language);
                } catch (PolicyInputException e) {
                    throw e.field().equals("applicationDate") && lodged == null
                            ? new PolicyInputException("applicationDate", e.getMessage() + "; give --application-date YYYY-MM-DD")
                            : e;
                }
            });
            return emit(spec, json, doc, out -> PolicyText.print(doc, out));
        }
    }

    @Command(name = "timeline", mixinStandardHelpOptions = true, description = "Every provision of a country over time.")
    static final class Timeline implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--nationality", required = true, paramLabel = "CC", description = "ISO 3166-1 alpha-2, e.g. IR")
        String nationality;
        @Option(names = "--lang", defaultValue = "en", description = "en, nl or ru (default: ${DEFAULT-VALUE})")
        String lang;
        @Option(names = "--json", description = "print JSON (the same document as GET /api/v1/policy/countries/{cc}/timeline)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PolicyEngine engine = new PolicyEngine(dataSet(null));
            String language = language(lang);
            TimelineDocument doc = input(() -> TimelineDocument.of(engine, nationality, language));
            return emit(spec, json, doc, out -> PolicyText.print(doc, out));
        }
    }
}
