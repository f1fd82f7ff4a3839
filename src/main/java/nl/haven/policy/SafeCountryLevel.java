package nl.haven.policy;

/**
 * Who designated a country as a safe country of origin: the Netherlands on its own national list
 * (art. 3.105ba Vb 2000 before 12 June 2026; art. 32a Vw 2000 from then on), or the Union in
 * Regulation (EU) 2024/1348 as amended (from 12 June 2026).
 */
public enum SafeCountryLevel {
    NATIONAL, EU
}
