package nl.haven.identity.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.haven.identity.DemoDataLoaded;
import nl.haven.identity.IdentitySettings;
import nl.haven.identity.PublicLinks;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On start: loads the demo data when asked, and on an empty database prints the one-time set-up
 * link. Both go to the console (standard output), never to the log: the link is a credential.
 */
@Component
@ConditionalOnWebApplication // the command line's administration contexts print no set-up link
class FirstStart {
    private final OrganisationStore organisations;
    private final SetupTokenStore tokens;
    private final DemoData demo;
    private final ApplicationEventPublisher events;
    private final IdentitySettings settings;
    private final PublicLinks links;
    private final Clock clock;
    private final PrintStream console = System.out;

    FirstStart(OrganisationStore organisations, SetupTokenStore tokens, DemoData demo, IdentitySettings settings, PublicLinks links,
            Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.organisations = organisations;
        this.tokens = tokens;
        this.demo = demo;
        this.settings = settings;
        this.links = links;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        String base = baseUrl();
        if (settings.demo()) {
            List<String> lines = new ArrayList<>(demo.load());
            events.publishEvent(new DemoDataLoaded(lines));
            for (String line : lines) {
                console.println(line);
            }
        }
        if (organisations.count() == 0) {
            String token = tokens.issue(clock.instant(), settings.setupLinkValidity());
            console.println();
            console.println("Haven has no organisation yet. Create the first one and its administrator here");
            console.println("(single use, valid for " + settings.setupLinkValidity().toMinutes() + " minutes):");
            console.println("  " + base + "/setup/" + token);
            console.println();
        }
        console.println("Haven is ready on " + base + "/");
    }

    private String baseUrl() {
        return links.base();
    }
}
