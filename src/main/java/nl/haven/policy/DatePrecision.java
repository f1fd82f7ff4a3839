package nl.haven.policy;

/** How exactly a source dates a provision; MONTH and YEAR mean validFrom is the first day of it. */
public enum DatePrecision {
    DAY, MONTH, YEAR
}
