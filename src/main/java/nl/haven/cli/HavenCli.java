package nl.haven.cli;

import java.io.PrintWriter;
import nl.haven.DataDirectory;
import nl.haven.shared.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code haven} command line. Exit codes follow INTERFACES.md: 0 success, 1 the command ran
 * and found a problem, 2 bad usage or bad input (one line on stderr, never a stack trace).
 */
@Command(name = "haven", mixinStandardHelpOptions = true, versionProvider = HavenVersion.class,
        description = "Haven: decision support, anonymous intake and case management for LGBTIQ+ people seeking safety in the Netherlands.",
        subcommands = { ServeCommand.class, PolicyCommand.class, StatsCommand.class, RoutesCommand.class, KeysCommand.class, BackupCommand.class, AuditCommand.class, IdentityCommands.Orgs.class, IdentityCommands.Users.class, IdentityCommands.Tokens.class, CommandLine.HelpCommand.class })
public final class HavenCli implements Runnable {

    public static final int OK = 0;
    public static final int PROBLEM = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code ./haven} alone means {@code ./haven serve}. */
    @Override
    public void run() {
        throw new IllegalStateException("unreachable: run() is replaced by serve");
    }

    public static void main(String[] args) {
        // Before H2 is loaded: its auto-server listens on the loopback interface only (issue #15).
        DataDirectory.loopbackOnly();
        System.exit(run(args));
    }

    public static int run(String[] args) {
        String[] effective = args.length == 0 ? new String[] { "serve" } : args;
        return commandLine().execute(effective);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HavenCli());
        cli.setParameterExceptionHandler(HavenCli::onBadUsage);
        cli.setExecutionExceptionHandler(HavenCli::onFailure);
        cli.setExitCodeExceptionMapper(e -> e instanceof BadInputException ? BAD_INPUT : PROBLEM);
        return cli;
    }

    private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("haven: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return BAD_INPUT;
    }

    private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (e instanceof BadInputException) {
            err.println("haven: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        // Never a stack trace: the type of the failure only, since a message may carry data.
        err.println("haven: " + cmd.getCommandSpec().qualifiedName() + " failed: " + e.getClass().getSimpleName());
        err.flush();
        return PROBLEM;
    }
}
