package nl.haven.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.haven.backup.Backups;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haven backup create --out FILE | restore --in FILE}. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Consistent database backups. Keys are not in them: back up the keys directory separately.",
        subcommands = { BackupCommand.Create.class, BackupCommand.Restore.class })
final class BackupCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Write a consistent snapshot of the database to FILE.")
    static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the backup file to create (must not exist)")
        Path out;
        @Option(names = "--keys", description = "back up only the key tables (wrapped keys), to keep apart from database backups")
        boolean keys;

        @Override
        public Integer call() {
            return AdminContext.run(new String[0], context -> {
                Backups.Summary summary = context.getBean(Backups.class).create(out,
                        keys ? Backups.Kind.KEYS : Backups.Kind.DATABASE);
                print(spec.commandLine().getOut(), "Backed up", summary, out);
                return HavenCli.OK;
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore FILE into an empty data directory or database.")
    static final class Restore implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--in", required = true, paramLabel = "FILE", description = "a file written by 'backup create'")
        Path in;

        @Override
        public Integer call() {
            return AdminContext.run(new String[0], context -> {
                Backups.Summary summary = context.getBean(Backups.class).restore(in);
                print(spec.commandLine().getOut(), "Restored", summary, in);
                return HavenCli.OK;
            });
        }
    }

    static void print(PrintWriter out, String what, Backups.Summary summary, Path file) {
        out.printf("%s %d rows in %d tables (schema version %s): %s%n", what, summary.total(), summary.rows().size(), summary.schemaVersion(),
                file);
        out.flush();
    }
}
