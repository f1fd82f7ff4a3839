package nl.haven.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatisticsCsvTests {

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaArePrefixed() {
        String csv = new SafeCsv().row("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain", "1–4", 12).toString();
        assertThat(csv).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",plain,1–4,12\r\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(new SafeCsv().row("a,b", "say \"hi\"", "two\nlines", null).toString())
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }
}
