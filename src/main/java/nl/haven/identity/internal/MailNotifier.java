package nl.haven.identity.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import nl.haven.identity.PublicLinks;
import nl.haven.identity.StaffMail;
import nl.haven.shared.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends {@link StaffMail.Notification}s after the transaction that announced them commits, on a thread of its own so
 * that neither the requester nor the staff member who caused it waits for the mail server or sees its failure. Boot
 * creates a {@link JavaMailSender} only when {@code spring.mail.host} is set; without one nothing is sent or kept. A
 * staff member who chose the daily digest ({@code /account/notifications}) gets the latest counts of each kind in one
 * mail each morning ({@code haven.mail.digest-cron}) instead. The mail is plain text: a fixed subject, a sentence per
 * kind with the counts, the staff home's address and a footer. A failure is logged with the topic and the exception's
 * class only (an SMTP error can quote the address).
 */
@Component
class MailNotifier implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final UserStore users;
    private final MailDigestStore digests;
    private final MessageSource messages;
    private final PublicLinks links;
    private final Clock clock;
    private final String from;
    private final Locale locale;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "haven-mail");
        thread.setDaemon(true);
        return thread;
    });

    MailNotifier(ObjectProvider<JavaMailSender> sender, UserStore users, MailDigestStore digests, MessageSource messages, PublicLinks links,
            Clock clock, @Value("${haven.mail.from:haven@localhost}") String from, @Value("${haven.mail.locale:en}") String locale) {
        this.sender = sender;
        this.users = users;
        this.digests = digests;
        this.messages = messages;
        this.links = links;
        this.clock = clock;
        this.from = from;
        this.locale = Locale.forLanguageTag(locale);
    }

    /** Whether mail is configured ({@code spring.mail.host}). */
    boolean configured() {
        return sender.getIfAvailable() != null;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void committed(StaffMail.Notification notification) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return;
        }
        executor.execute(() -> deliver(mail, notification));
    }

    private void deliver(JavaMailSender mail, StaffMail.Notification n) {
        List<UserStore.Recipient> recipients;
        try {
            recipients = recipients(n);
        } catch (RuntimeException e) {
            log.warn("The recipients of a {} notification could not be read: {}", n.topic(), e.getClass().getName());
            return;
        }
        String body = sentence(n.topic(), n.count(), n.countB()) + "\n\n" + closing();
        for (UserStore.Recipient to : recipients) {
            if (to.digest()) {
                try {
                    digests.keep(to.id(), n.topic(), n.count(), n.countB(), clock.instant());
                } catch (RuntimeException e) {
                    log.warn("A {} notification could not be kept for the digest: {}", n.topic(), e.getClass().getName());
                }
            } else {
                send(mail, to.email(), body, n.topic().name());
            }
        }
    }

    /** Each morning: one mail per digest reader with the latest counts of every kind waiting for them. */
    @Scheduled(cron = "${haven.mail.digest-cron:0 30 7 * * *}", zone = "Europe/Amsterdam")
    void morning() {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail != null) {
            executor.execute(() -> sendDigests(mail));
        }
    }

    /** The digests, now; how many were sent (package-private for the tests). */
    int sendDigests(JavaMailSender mail) {
        Map<UserId, List<MailDigestStore.Pending>> byUser = new LinkedHashMap<>();
        try {
            for (MailDigestStore.Pending p : digests.waiting()) {
                if (digests.claim(p)) {
                    byUser.computeIfAbsent(p.user(), u -> new ArrayList<>()).add(p);
                }
            }
        } catch (RuntimeException e) {
            log.warn("The digests could not be read: {}", e.getClass().getName());
        }
        int sent = 0;
        for (List<MailDigestStore.Pending> pending : byUser.values()) {
            StringBuilder body = new StringBuilder();
            for (MailDigestStore.Pending p : pending) {
                body.append(sentence(p.topic(), p.countA(), p.countB())).append('\n');
            }
            body.append('\n').append(closing());
            if (send(mail, pending.get(0).email(), body.toString(), "digest")) {
                sent++;
            }
        }
        return sent;
    }

    private String sentence(StaffMail.Topic topic, long countA, long countB) {
        return messages.getMessage("mail.topic." + topic.name(), new Object[] { countA, countB }, locale);
    }

    private String closing() {
        return messages.getMessage("mail.link", new Object[] { links.to("/staff") }, locale) + "\n\n" + messages.getMessage("mail.footer", null, locale)
                + "\n";
    }

    private boolean send(JavaMailSender mail, String to, String body, String what) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(messages.getMessage("mail.subject", null, locale));
            helper.setText(body);
            mail.send(message);
            return true;
        } catch (MessagingException | RuntimeException e) {
            log.warn("A {} notification could not be sent: {}", what, e.getClass().getName());
            return false;
        }
    }

    /** Active staff only; a member must still belong to the organisation the notification is about. */
    private List<UserStore.Recipient> recipients(StaffMail.Notification n) {
        UserId member = n.member();
        return member != null ? users.activeRecipient(n.org(), member).stream().toList() : users.activeRecipients(n.org(), n.roles());
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
