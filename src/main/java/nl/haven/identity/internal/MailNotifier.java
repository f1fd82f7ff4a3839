package nl.haven.identity.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends {@link StaffMail.Notification}s after the transaction that announced them commits, on a thread of its own so
 * that neither the requester nor the staff member who caused it waits for the mail server or sees its failure. Boot
 * creates a {@link JavaMailSender} only when {@code spring.mail.host} is set; without one nothing is sent. The mail is
 * plain text: a fixed subject, one sentence with the counts, the staff home's address and a footer. A failure is logged
 * with the topic and the exception's class only (an SMTP error can quote the address).
 */
@Component
class MailNotifier implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final UserStore users;
    private final MessageSource messages;
    private final PublicLinks links;
    private final String from;
    private final Locale locale;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "haven-mail");
        thread.setDaemon(true);
        return thread;
    });

    MailNotifier(ObjectProvider<JavaMailSender> sender, UserStore users, MessageSource messages, PublicLinks links,
            @Value("${haven.mail.from:haven@localhost}") String from, @Value("${haven.mail.locale:en}") String locale) {
        this.sender = sender;
        this.users = users;
        this.messages = messages;
        this.links = links;
        this.from = from;
        this.locale = Locale.forLanguageTag(locale);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void committed(StaffMail.Notification notification) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return;
        }
        executor.execute(() -> send(mail, notification));
    }

    private void send(JavaMailSender mail, StaffMail.Notification n) {
        List<String> recipients;
        try {
            recipients = recipients(n);
        } catch (RuntimeException e) {
            log.warn("The recipients of a {} notification could not be read: {}", n.topic(), e.getClass().getName());
            return;
        }
        String subject = messages.getMessage("mail.subject", null, locale);
        String body = messages.getMessage("mail.topic." + n.topic().name(), new Object[] { n.count(), n.countB() }, locale) + "\n\n"
                + messages.getMessage("mail.link", new Object[] { links.to("/staff") }, locale) + "\n\n"
                + messages.getMessage("mail.footer", null, locale) + "\n";
        for (String to : recipients) {
            try {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
                helper.setFrom(from);
                helper.setTo(to);
                helper.setSubject(subject);
                helper.setText(body);
                mail.send(message);
            } catch (MessagingException | RuntimeException e) {
                log.warn("A {} notification could not be sent: {}", n.topic(), e.getClass().getName());
            }
        }
    }

    /** Active staff only; a member must still belong to the organisation the notification is about. */
    private List<String> recipients(StaffMail.Notification n) {
        UserId member = n.member();
        return member != null ? users.activeEmail(n.org(), member).stream().toList() : users.activeEmails(n.org(), n.roles());
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
