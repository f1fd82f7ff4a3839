package nl.haven.policy.web;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import nl.haven.policy.ChangeEntry;
import nl.haven.policy.Countries;
import nl.haven.policy.PolicyDataSet;
import nl.haven.policy.PolicyEngine;
import nl.haven.policy.PolicyInputException;
import nl.haven.policy.PolicyVersion;
import nl.haven.policy.Provision;
import nl.haven.policy.ProvisionKind;
import nl.haven.policy.Source;
import nl.haven.web.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import nl.haven.shared.Languages;

/**
 * The public change log of the policy data (issue #17): {@code /policy/changes}, a plain page without JavaScript, and
 * {@code /policy/changes.atom}, the same entries as an Atom 1.0 feed built with Rome. Both take {@code ?country=CC}
 * (the country's entries, and the statements about a whole list the country is on) and {@code ?lang=}. No case data.
 */
@Controller
class PolicyChangesPages {
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final PolicyEngine engine;
    private final PolicyChangeLog changeLog;
    private final ChangeWording wording;
    private final MessageSource messages;
    private final Environment environment;

    PolicyChangesPages(PolicyEngine engine, PolicyChangeLog changeLog, ChangeWording wording, MessageSource messages, Environment environment) {
        this.engine = engine;
        this.changeLog = changeLog;
        this.wording = wording;
        this.messages = messages;
        this.environment = environment;
    }

    /** One entry as the page shows it. */
    record EntryView(String id, String anchor, String title, String effective, String effectiveText, String published, String summary,
            List<Source> sources, boolean versionChange) {
    }

    /** One recorded version as the page shows it. */
    record VersionView(String label, String hash, String firstLoaded) {
    }

    @GetMapping("/policy/changes")
    String page(@RequestParam(required = false) @Nullable String country, Locale locale, Model model, HttpServletResponse response) {
        String code;
        try {
            code = country == null || country.isBlank() ? null : Countries.parse(country);
        } catch (PolicyInputException e) {
            response.setStatus(400);
            // The reader's language, naming the field (issue #20 point 6); the feed's problem keeps the English detail.
            model.addAttribute("inputError", "policy.problem.nationality.unknown");
            code = null;
        }
        PolicyDataSet dataSet = engine.dataSet();
        PolicyChangeLog.Snapshot snapshot = changeLog.snapshot();
        List<EntryView> entries = new ArrayList<>();
        String language = language(locale);
        for (ChangeEntry entry : select(snapshot.entries(), code)) {
            entries.add(new EntryView(entry.id(), entry.anchor(), wording.title(entry, dataSet, locale), entry.effective().toString(),
                    wording.day(entry.effective(), locale), wording.day(entry.published(), locale), entry.summary().in(language), entry.sources(),
                    entry.type() == ChangeEntry.Type.VERSION_CHANGE));
        }
        List<VersionView> versions = new ArrayList<>();
        List<PolicyVersion> recorded = snapshot.document() == null ? List.of() : snapshot.document().versions();
        for (int i = recorded.size() - 1; i >= 0; i--) {
            PolicyVersion v = recorded.get(i);
            versions.add(new VersionView(v.label(), v.hash(), v.firstLoaded().toString()));
        }
        model.addAttribute("entries", entries);
        model.addAttribute("versions", versions);
        model.addAttribute("country", code);
        model.addAttribute("countryName", code == null ? null : wording.countries(List.of(code), dataSet, locale));
        model.addAttribute("feedHref", UriComponentsBuilder.fromPath("/policy/changes.atom").queryParam("lang", locale.getLanguage())
                .queryParamIfPresent("country", Optional.ofNullable(code)).build().toUriString());
        return "policy/changes";
    }

    @GetMapping("/policy/changes.atom")
    ResponseEntity<?> feed(@RequestParam(required = false) @Nullable String country, Locale locale) {
        String code;
        try {
            code = country == null || country.isBlank() ? null : Countries.parse(country);
        } catch (PolicyInputException e) {
            return Problems.answer(Problems.badInput(e.field(), e.getMessage()));
        }
        PolicyDataSet dataSet = engine.dataSet();
        List<ChangeEntry> entries = select(changeLog.snapshot().entries(), code);
        String lang = language(locale);
        String page = base() + UriComponentsBuilder.fromPath("/policy/changes").queryParam("lang", lang)
                .queryParamIfPresent("country", Optional.ofNullable(code)).build().toUriString();

        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setUri("urn:uuid:" + UUID.nameUUIDFromBytes(("haven-policy-changes:" + lang + ":" + (code == null ? "" : code))
                .getBytes(StandardCharsets.UTF_8)));
        feed.setTitle(code == null ? message("changes.heading", locale) : message("changes.heading.country", locale,
                wording.countries(List.of(code), dataSet, locale)));
        feed.setDescription(message("changes.intro", locale));
        feed.setLanguage(lang);
        feed.setLink(page);
        SyndLink self = new SyndLinkImpl();
        self.setRel("self");
        self.setType("application/atom+xml");
        self.setHref(base() + UriComponentsBuilder.fromPath("/policy/changes.atom").queryParam("lang", lang)
                .queryParamIfPresent("country", Optional.ofNullable(code)).build().toUriString());
        SyndLink alternate = new SyndLinkImpl();
        alternate.setRel("alternate");
        alternate.setType("text/html");
        alternate.setHref(page);
        feed.setLinks(List.of(alternate, self));
        SyndPerson author = new SyndPersonImpl();
        author.setName("Haven");
        feed.setAuthors(List.of(author));
        // Updated: the newest day of any entry, so that the feed is the same on every node and after every restart.
        feed.setPublishedDate(entries.stream().flatMap(e -> Stream.of(e.effective(), e.published()))
                .max(Comparator.naturalOrder()).map(PolicyChangesPages::date).orElse(date(LocalDate.of(2015, 1, 1))));
        List<SyndEntry> items = new ArrayList<>();
        for (ChangeEntry entry : entries) {
            SyndEntry item = new SyndEntryImpl();
            item.setUri(entry.id());
            item.setTitle(wording.title(entry, dataSet, locale));
            item.setLink(page + "#" + entry.anchor());
            item.setUpdatedDate(date(entry.effective()));
            item.setPublishedDate(date(entry.published()));
            SyndContent content = new SyndContentImpl();
            content.setType("text");
            content.setValue(entry.summary().in(lang));
            item.setContents(List.of(content));
            List<SyndLink> links = new ArrayList<>();
            SyndLink html = new SyndLinkImpl();
            html.setRel("alternate");
            html.setType("text/html");
            html.setHref(page + "#" + entry.anchor());
            links.add(html);
            for (Source source : entry.sources()) {
                if (source.url().startsWith("https://") || source.url().startsWith("http://")) {
                    SyndLink link = new SyndLinkImpl();
                    link.setRel("related");
                    link.setHref(source.url());
                    link.setTitle(source.title());
                    links.add(link);
                }
            }
            item.setLinks(links);
            items.add(item);
        }
        feed.setEntries(items);
        try {
            return ResponseEntity.ok().contentType(ATOM).body(new SyndFeedOutput().outputString(feed));
        } catch (FeedException e) {
            throw new IllegalStateException("the change-log feed could not be written: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The entries about {@code country} (all when null): those that name it, and those about a whole list on which the
     * data set ever has a listing of the country.
     */
    private List<ChangeEntry> select(List<ChangeEntry> entries, @Nullable String country) {
        if (country == null) {
            return entries;
        }
        List<Provision> listings = engine.dataSet().provisionsOf(country).stream().filter(p -> p.kind() == ProvisionKind.SAFE_COUNTRY).toList();
        return entries.stream().filter(e -> e.countries().contains(country)
                || e.countries().isEmpty() && e.level() != null && listings.stream().anyMatch(p -> p.level() == e.level())).toList();
    }

    /** The base of absolute links: {@code haven.identity.public-url}, never the request's Host header (see PublicLinks). */
    private String base() {
        String configured = environment.getProperty("haven.identity.public-url");
        if (configured != null && !configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        return "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(PolicyVersionStore.AMSTERDAM).toInstant());
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    static String language(Locale locale) {
        return Languages.of(locale).code();
    }
}
