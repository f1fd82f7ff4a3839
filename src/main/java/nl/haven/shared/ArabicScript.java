package nl.haven.shared;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterEnums.ECharacterDirection;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.Normalizer2;
import com.openhtmltopdf.bidi.BidiReorderer;
import java.util.HashMap;
import java.util.Map;

/**
 * The letters of the Arabic script (Arabic, Persian, Urdu) in the forms they take beside their neighbours, for
 * openhtmltopdf, which draws one glyph per character and does not apply a font's own shaping rules. Each letter that
 * joins becomes its isolated, final, initial or medial presentation form (U+FB50–U+FDFF, U+FE70–U+FEFF), lām + alif
 * their ligature; the table is taken from the Unicode data in ICU4J (each presentation form's decomposition), so the
 * Persian and Urdu letters (پ چ ژ گ ک ی ٹ ڈ ڑ ں ھ ہ ے) are shaped as well as the Arabic ones (ICU's own
 * {@code ArabicShaping} leaves those unshaped). Right-to-left runs are reversed for drawing with ICU's bidi
 * algorithm, marks kept after their letter and brackets mirrored. The text of the PDF still reads in logical order:
 * PDF readers (and PDFBox) map the presentation forms back to the letters.
 */
public final class ArabicScript implements BidiReorderer {
    private static final int ISOLATED = 0;
    private static final int FINAL = 1;
    private static final int INITIAL = 2;
    private static final int MEDIAL = 3;
    private static final int LAM = 0x0644;
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    /** For each letter its four presentation forms (isolated, final, initial, medial), -1 where Unicode has none. */
    private static final Map<Integer, int[]> FORMS = new HashMap<>();
    /** For each alif that ligates with lām: the ligature's isolated and final forms. */
    private static final Map<Integer, int[]> LAM_ALIF = new HashMap<>();
    /** Each presentation form back to its letter(s). */
    private static final Map<Integer, String> LETTERS = new HashMap<>();

    static {
        Normalizer2 nfkc = Normalizer2.getNFKCInstance();
        // Forms-B first: where both blocks have a form of a letter, the older, more widely supported one wins.
        for (int[] block : new int[][] {{0xFE70, 0xFEFC}, {0xFB50, 0xFDFF}}) {
            for (int c = block[0]; c <= block[1]; c++) {
                int form = switch (UCharacter.getIntPropertyValue(c, UProperty.DECOMPOSITION_TYPE)) {
                    case UCharacter.DecompositionType.ISOLATED -> ISOLATED;
                    case UCharacter.DecompositionType.FINAL -> FINAL;
                    case UCharacter.DecompositionType.INITIAL -> INITIAL;
                    case UCharacter.DecompositionType.MEDIAL -> MEDIAL;
                    default -> -1;
                };
                String letters = nfkc.getRawDecomposition(c);
                if (form < 0 || letters == null) {
                    continue;
                }
                if (letters.codePointCount(0, letters.length()) == 1 && isLetter(letters.codePointAt(0))) {
                    int[] forms = FORMS.computeIfAbsent(letters.codePointAt(0), k -> new int[] {-1, -1, -1, -1});
                    if (forms[form] < 0) {
                        forms[form] = c;
                        LETTERS.put(c, letters);
                    }
                } else if (letters.length() == 2 && letters.charAt(0) == LAM && (form == ISOLATED || form == FINAL)) {
                    LAM_ALIF.computeIfAbsent((int) letters.charAt(1), k -> new int[] {-1, -1})[form] = c;
                    LETTERS.put(c, letters);
                }
            }
        }
    }

    private static boolean isLetter(int c) {
        int direction = UCharacter.getDirection(c);
        return direction == ECharacterDirection.RIGHT_TO_LEFT_ARABIC && UCharacter.isLetter(c);
    }

    /** How a character joins: 'D' both sides, 'R' to the one before it only, 'C' causes joining, 'T' transparent, else 'U'. */
    private static char joining(int c) {
        int type = UCharacter.getIntPropertyValue(c, UProperty.JOINING_TYPE);
        int[] forms = FORMS.get(c);
        if (type == UCharacter.JoiningType.TRANSPARENT) {
            return 'T';
        }
        if (type == UCharacter.JoiningType.JOIN_CAUSING) {
            return 'C';
        }
        if (forms == null || forms[ISOLATED] < 0 || forms[FINAL] < 0) {
            return 'U'; // a letter without presentation forms is drawn alone, so its neighbours do not join it
        }
        if (type == UCharacter.JoiningType.DUAL_JOINING && forms[INITIAL] >= 0 && forms[MEDIAL] >= 0) {
            return 'D';
        }
        return type == UCharacter.JoiningType.DUAL_JOINING || type == UCharacter.JoiningType.RIGHT_JOINING ? 'R' : 'U';
    }

    /**
     * The text in logical order with every joining letter in its contextual form; zero-width (non-)joiners decide the
     * forms and are then left out.
     */
    public static String shape(String text) {
        int[] cps = text.codePoints().toArray();
        char[] joins = new char[cps.length];
        for (int i = 0; i < cps.length; i++) {
            joins[i] = joining(cps[i]);
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < cps.length; i++) {
            char type = joins[i];
            if (cps[i] == ZWNJ || cps[i] == ZWJ) {
                continue; // they have done their work (joins broken or made); some fonts would draw them as a bar
            }
            if (type != 'D' && type != 'R') {
                out.appendCodePoint(cps[i]);
                continue;
            }
            int before = neighbour(joins, i, -1);
            boolean joinsBefore = before >= 0 && (joins[before] == 'D' || joins[before] == 'C');
            if (cps[i] == LAM && i + 1 < cps.length && LAM_ALIF.containsKey(cps[i + 1])) {
                int[] ligature = LAM_ALIF.get(cps[i + 1]);
                int form = joinsBefore && ligature[FINAL] >= 0 ? FINAL : ISOLATED;
                if (ligature[form] >= 0) {
                    out.appendCodePoint(ligature[form]);
                    i++;
                    continue;
                }
            }
            int after = neighbour(joins, i, +1);
            boolean joinsAfter = type == 'D' && after >= 0 && (joins[after] == 'D' || joins[after] == 'R' || joins[after] == 'C');
            int form = joinsBefore ? (joinsAfter ? MEDIAL : FINAL) : (joinsAfter ? INITIAL : ISOLATED);
            out.appendCodePoint(FORMS.get(cps[i])[form]);
        }
        return out.toString();
    }

    /** The nearest character before ({@code step} -1) or after (+1) that is not a transparent mark, or -1. */
    private static int neighbour(char[] joins, int i, int step) {
        for (int j = i + step; j >= 0 && j < joins.length; j += step) {
            if (joins[j] != 'T') {
                return j;
            }
        }
        return -1;
    }

    /** The letters again, for a font that lacks a presentation form. */
    public static String unshape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String letters = LETTERS.get(c);
            if (letters != null) {
                out.append(letters);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public String reorderRTLTextToLTR(String text) {
        return Bidi.writeReverse(text, Bidi.DO_MIRRORING | Bidi.KEEP_BASE_COMBINING);
    }

    @Override
    public String shapeText(String text) {
        return shape(text);
    }

    /**
     * Unchanged: openhtmltopdf asks for this when the first font of the list lacks a presentation form, and would then
     * draw the bare letter in that font, unjoined; left as it is, the form comes from the next font that has it.
     */
    @Override
    public String deshapeText(String text) {
        return text;
    }

    @Override
    public boolean isLiveImplementation() {
        return true;
    }
}
