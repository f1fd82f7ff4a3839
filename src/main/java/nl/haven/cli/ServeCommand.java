package nl.haven.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import nl.haven.HavenApplication;
import nl.haven.policy.PolicyDataException;
import nl.haven.policy.PolicyInputException;
import nl.haven.shared.BadInputException;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haven serve}: the web application. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the web application (embedded H2 under HAVEN_DATA_DIR unless HAVEN_DB_URL names PostgreSQL).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--demo", description = "Also load clearly fictional demo organisations and users and print their log-ins.")
    boolean demo;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: SERVER_PORT or 8080).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        DatabaseUrl.check(System.getenv(DatabaseUrl.VARIABLE));
        if (!AdminContext.dataDirectoryUsable(System.err)) {
            return HavenCli.PROBLEM;
        }
        List<String> args = new ArrayList<>();
        if (demo) {
            args.add("--haven.identity.demo=true");
        }
        if (port != null) {
            args.add("--server.port=" + port);
        }
        CountDownLatch closed = new CountDownLatch(1);
        SpringApplication app = new SpringApplication(HavenApplication.class);
        app.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        ConfigurableApplicationContext context;
        try {
            context = app.run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            // Spring Boot has already reported an analysed failure (e.g. the policy loader's FILE:LINE
            // messages) without a stack trace; the exit code says what kind of failure it was.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof PolicyDataException) {
                    System.err.println("haven: serve: the policy data set has errors (listed above)");
                    return HavenCli.PROBLEM;
                }
                if (cause instanceof PolicyInputException input) {
                    throw new BadInputException(input.field(), "HAVEN_POLICY_DIR: " + input.getMessage());
                }
            }
            throw e;
        }
        if (context.isActive()) {
            closed.await();
        }
        return HavenCli.OK;
    }
}
