package nl.haven.cases.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import nl.haven.identity.StaffMail;
import nl.haven.shared.OrgId;
import nl.haven.shared.UserId;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every morning in Amsterdam ({@code haven.mail.due-cron}, 07:00), each staff member with open tasks or legal deadlines
 * due tomorrow in open cases is told how many by e-mail ({@link StaffMail}, counts only): the task's assignee, or the
 * case's when the task has none. Once per day however many nodes run it ({@code due_mail_run}).
 */
@Component
public class DueTomorrowMail {
    private final StaffMailStore store;
    private final StaffMail mail;
    private final Clock clock;

    DueTomorrowMail(StaffMailStore store, StaffMail mail, Clock clock) {
        this.store = store;
        this.mail = mail;
        this.clock = clock;
    }

    @Scheduled(cron = "${haven.mail.due-cron:0 0 7 * * *}", zone = "Europe/Amsterdam")
    void morning() {
        send(clock.instant().atZone(PolicyImpact.AMSTERDAM).toLocalDate().plusDays(1));
    }

    /** Announces one mail per staff member with work due on {@code day}; how many, or 0 when that day was claimed already. */
    public int send(LocalDate day) {
        if (!store.claimDueDay(day, clock.instant())) {
            return 0;
        }
        List<StaffMailStore.Due> due = store.dueOn(day);
        for (StaffMailStore.Due d : due) {
            mail.toMember(new OrgId(d.org()), new UserId(d.member()), StaffMail.Topic.DUE_TOMORROW, d.count());
        }
        return due.size();
    }
}
