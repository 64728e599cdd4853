package th.or.depa.smartcity.facts;

/** Measurements of texts that rules may call; they count, they do not judge. */
public final class Text {

    private Text() {
    }

    /**
     * Unicode code points that are not white space: Unicode's White_Space property plus U+001C..U+001F
     * (Java's Character.isWhitespace misses U+00A0, U+2007 and U+202F, so it is not used alone).
     */
    public static int visibleLength(String s) {
        if (s == null) {
            return 0;
        }
        return (int) s.codePoints().filter(cp -> !isWhiteSpace(cp)).count();
    }

    public static boolean isBlank(String s) {
        return visibleLength(s) == 0;
    }

    static boolean isWhiteSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }
}
