package th.or.depa.smartcity.plan;

/**
 * Text that every database stores exactly as sent: PostgreSQL refuses U+0000 and turns a lone surrogate (half of a
 * UTF-16 pair, "\ud800" in JSON) into '?', so both are refused at the door as a 422 naming the field.
 */
public final class StorableText {

    public static final String NUL = "must not contain the NUL character (U+0000)";
    public static final String LONE_SURROGATE = "must not contain a lone surrogate (U+D800 to U+DFFF without its pair)";

    private StorableText() {
    }

    /** What keeps this text from being stored as sent, or null when nothing does. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return NUL;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return LONE_SURROGATE;
            }
        }
        return null;
    }

    /** The text with each lone surrogate replaced by U+FFFD, so that an error can name the field it was found in. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
