package nl.haven.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.io.PrintStream;
import java.nio.file.Path;
import nl.haven.DataDirectory;
import nl.haven.HavenApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs an administration command inside Haven's application context without a web server: same
 * configuration, database and keys as {@code serve}, so it works beside a running server (H2 in
 * auto-server mode, or PostgreSQL).
 */
public final class AdminContext {
    private AdminContext() {
    }

    public static int run(String[] springArgs, Function<ApplicationContext, Integer> work) {
        DatabaseUrl.check(System.getenv(DatabaseUrl.VARIABLE));
        if (!dataDirectoryUsable(System.err)) {
            return HavenCli.PROBLEM;
        }
        SpringApplication app = new SpringApplication(HavenApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        List<String> args = new ArrayList<>(List.of(springArgs));
        args.add("--logging.level.root=ERROR");
        args.add("--logging.level.nl.haven=WARN");
        try (ConfigurableApplicationContext context = app.run(args.toArray(String[]::new))) {
            return work.apply(context);
        }
    }

    /**
     * Refuses, before anything starts, a data directory (or its db/) that others may use: one line, and the caller
     * exits 1 (issue #15; the application checks again when it starts, for starts without this command line).
     */
    static boolean dataDirectoryUsable(PrintStream err) {
        Path directory = DataDirectory.configured();
        try {
            DataDirectory.check(directory);
            DataDirectory.check(directory.resolve("db"));
            return true;
        } catch (DataDirectory.Refused e) {
            err.println(e.getMessage());
            err.flush();
            return false;
        }
    }
}
