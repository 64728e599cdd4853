package th.or.depa.smartcity.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The text GET /api/plans?q= searches, written with each plan row (column plans.search_text) so that H2 and PostgreSQL
 * compare the same characters: NFKD, Latin accents (U+0300–U+036F) dropped, lower case. Thai marks are not in that
 * range, so Thai text is matched as written.
 */
public final class SearchText {

    /** Separates the searched fields, so that a search never matches across two of them. */
    private static final String SEPARATOR = "\n";
    /** Not a backslash: JDBI's statement parser reads '\' as an escaped quote. */
    static final char ESCAPE = '!';

    private SearchText() {
    }

    /** The normalised form of one text (null stays null). */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(cp -> cp < 0x300 || cp > 0x36F).forEach(out::appendCodePoint);
        // NFC again so that a Thai vowel and tone mark written in either order of decomposition compare equal
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** The column's value for a plan: city (English, Thai), reference and organisation id, normalised. */
    public static String of(String city, String cityTh, String reference, String organisation) {
        return Stream.of(city, cityTh, reference, organisation).filter(Objects::nonNull).map(SearchText::normalise)
                .collect(Collectors.joining(SEPARATOR));
    }

    /** A LIKE pattern that finds q as a substring: its own %, _ and ! match literally (ESCAPE '!', see PlanDao). */
    public static String pattern(String q) {
        String n = normalise(q);
        StringBuilder p = new StringBuilder("%");
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                p.append(ESCAPE);
            }
            p.append(c);
        }
        return p.append('%').toString();
    }
}
