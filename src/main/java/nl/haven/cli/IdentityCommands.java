package nl.haven.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.haven.identity.IdentityManagement;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haven orgs create}, {@code haven users create}, {@code haven tokens create}: administration from the server. */
final class IdentityCommands {
    private IdentityCommands() {
    }

    static String baseUrl(Environment environment) {
        String configured = environment.getProperty("haven.identity.public-url");
        return configured != null && !configured.isBlank() ? configured.replaceAll("/+$", "")
                : "http://localhost:" + environment.getProperty("server.port", "8080");
    }

    @Command(name = "orgs", mixinStandardHelpOptions = true, description = "Organisations (tenants).", subcommands = { Orgs.Create.class })
    static final class Orgs {
        @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an organisation; prints its recovery key once.")
        static final class Create implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;
            @Option(names = "--name", required = true, description = "the organisation's name")
            String name;
            @Option(names = "--slug", required = true, description = "its short name in addresses: lower-case letters, digits, hyphens")
            String slug;

            @Override
            public Integer call() {
                return AdminContext.run(new String[0], context -> {
                    IdentityManagement identity = context.getBean(IdentityManagement.class);
                    identity.createOrganisation(name, slug);
                    String recoveryKey = identity.newRecoveryKey(slug);
                    PrintWriter out = spec.commandLine().getOut();
                    out.printf("Created organisation %s (%s); its intake page is /intake/%s%n", slug, name, slug);
                    out.printf("Its recovery key (shown once):%n%n  %s%n%nWrite it down or print it, and keep it where the server is not: "
                            + "when every key holder's password is lost, it alone gives the organisation's cases back.%n", recoveryKey);
                    out.flush();
                    return HavenCli.OK;
                });
            }
        }
    }

    @Command(name = "users", mixinStandardHelpOptions = true, description = "Staff users.", subcommands = { Users.Create.class })
    static final class Users {
        @Command(name = "create", mixinStandardHelpOptions = true, description = "Invite a user; prints a one-time activation link.")
        static final class Create implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;
            @Option(names = "--org", required = true, paramLabel = "SLUG", description = "the organisation")
            String org;
            @Option(names = "--email", required = true, paramLabel = "E", description = "the user's e-mail address (the log-in name)")
            String email;
            @Option(names = "--role", required = true, paramLabel = "ROLE", description = "INTAKE, CASEWORKER, LAWYER, COORDINATOR, ANALYST or ADMIN")
            String role;
            @Option(names = "--name", paramLabel = "NAME", description = "the name shown to colleagues")
            @Nullable String name;

            @Override
            public Integer call() {
                return AdminContext.run(new String[0], context -> {
                    IdentityManagement.Invitation invitation = context.getBean(IdentityManagement.class).invite(org, email, role, name);
                    PrintWriter out = spec.commandLine().getOut();
                    out.printf("Invited %s as %s. One-time activation link (valid until %s):%n  %s/activate/%s%n", email, role.toUpperCase(
                            Locale.ROOT), invitation.expires(), baseUrl(context.getEnvironment()), invitation.token());
                    out.flush();
                    return HavenCli.OK;
                });
            }
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true, description = "API tokens.", subcommands = { Tokens.Create.class })
    static final class Tokens {
        @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API token for a user; prints it once.")
        static final class Create implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;
            @Option(names = "--email", required = true, paramLabel = "E", description = "the user the token acts for")
            String email;
            @Option(names = "--expires-days", defaultValue = "90", paramLabel = "N", description = "days until it expires (default: ${DEFAULT-VALUE})")
            int days;

            @Override
            public Integer call() {
                return AdminContext.run(new String[0], context -> {
                    IdentityManagement.NewApiToken token = context.getBean(IdentityManagement.class).createServerApiToken(email, days);
                    PrintWriter out = spec.commandLine().getOut();
                    out.printf("API token for %s, valid for %d days (shown once; send it as 'Authorization: Bearer TOKEN'):%n  %s%n", email, days,
                            token.token());
                    if (token.waitsForKeys()) {
                        out.printf("It reads no case until a key holder of the organisation grants it the organisation's keys: a coordinator, "
                                + "logged in, on the page /grants. The server cannot do that by itself.%n");
                    }
                    out.flush();
                    return HavenCli.OK;
                });
            }
        }
    }
}
