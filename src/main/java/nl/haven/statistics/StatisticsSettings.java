package nl.haven.statistics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Disclosure control for every published number ({@code HAVEN_STATISTICS_K}, {@code HAVEN_STATISTICS_ROUNDING}).
 *
 * @param k counts 0 &lt; n &lt; k are suppressed (default 5)
 * @param rounding round published counts to a multiple of this base (CBS publishes multiples of 5); 0 or 1 = exact
 */
@ConfigurationProperties("haven.statistics")
public record StatisticsSettings(@DefaultValue("5") int k, @DefaultValue("0") int rounding) {

    public Disclosure.Rules rules() {
        return new Disclosure.Rules(k, rounding);
    }
}
