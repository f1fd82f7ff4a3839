package nl.haven.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import nl.haven.policy.PolicyEngine;
import nl.haven.routes.ProfileException;
import nl.haven.routes.ProfileParser;
import nl.haven.routes.RouteAdvice;
import nl.haven.routes.RouteAdvisor;
import nl.haven.shared.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haven routes advise --profile FILE [--json]}: the route advice without a server. */
@Command(name = "routes", mixinStandardHelpOptions = true, description = "Asylum beside the regular migration routes.",
        subcommands = { RoutesCommand.Advise.class })
final class RoutesCommand {

    @Command(name = "advise", mixinStandardHelpOptions = true,
            description = "Advice on every route for the profile in FILE (JSON, see INTERFACES.md §4; '-' reads standard input).")
    static final class Advise implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--profile", required = true, paramLabel = "FILE", description = "the profile as JSON")
        Path profile;
        @Option(names = "--lang", defaultValue = "en", description = "en, nl or ru (default: ${DEFAULT-VALUE})")
        String lang;
        @Option(names = "--json", description = "print the JSON answer of POST /api/v1/routes/advice")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String language = PolicyCommand.language(lang);
            String text = read(profile);
            RouteAdvisor advisor = new RouteAdvisor(new PolicyEngine(PolicyCommand.dataSet(null)));
            RouteAdvice advice;
            try {
                advice = advisor.advise(new ProfileParser(Clock.systemDefaultZone()).parse(text), language);
            } catch (ProfileException e) {
                throw new BadInputException(e.field(), e.getMessage());
            }
            return PolicyCommand.emit(spec, json, advice, out -> print(advice, out));
        }

        private static String read(Path file) {
            try {
                return file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException("profile", "cannot read the profile file '" + file + "': " + e.getClass().getSimpleName());
            }
        }
    }

    static void print(RouteAdvice advice, PrintWriter out) {
        out.printf("Route advice for an application on %s%n", advice.date());
        for (RouteAdvice.Answer answer : advice.routes()) {
            out.printf("%n%s: %s%n", answer.route(), answer.outcome());
            answer.reasons().forEach(r -> out.printf("  - %s%s%n", r.text(), r.sources().isEmpty() ? "" : " " + r.sources()));
            if (!answer.missing().isEmpty()) {
                out.printf("  Missing: %s%n", String.join(", ", answer.missing()));
            }
            if (answer.whatWouldChange() != null) {
                out.printf("  What would change the outcome: %s%n", answer.whatWouldChange().text());
            }
            answer.warnings().forEach(w -> out.printf("  ! %s%n", w));
        }
        out.printf("%nData set %s. Decision support, not a decision: the IND decides.%n", advice.dataset().version());
    }
}
