package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The kinds of value a plan holds (plan.md "Types"), each with the format checks that go with it. */
final class Kinds {
    static final int MAX_TEXT = 10_000;
    static final int MAX_ITEMS = 1_000;
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    /** 10^15: far above any real budget (baht), area or KPI, far below what would make arithmetic costly. */
    static final BigDecimal MAX_MAGNITUDE = BigDecimal.TEN.pow(15);
    /** Likewise for precision: 1e-999999 is short to send but not a sensible amount. */
    static final int MAX_DECIMALS = 20;
    private static final Pattern UPPER_CASE_WORD = Pattern.compile("[A-Z0-9_]+");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Kinds() {}

    /** A JSON string of at most MAX_TEXT characters (code points); numbers are not taken for texts. */
    static final Kind TEXT = Kinds::text;

    /** A JSON boolean. */
    static final Kind FLAG = (node, path, reading) -> {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        reading.error(path, "must be true or false");
        return null;
    };

    /** A size or amount: a JSON number (decimals allowed), not negative. */
    static final Kind AMOUNT = (node, path, reading) -> decimal(node, path, reading, true);

    /** A JSON number that may be negative (KPI baseline and target). */
    static final Kind NUMBER = (node, path, reading) -> decimal(node, path, reading, false);

    /** A count (or population): a whole JSON number, not negative, as a Long. */
    static final Kind COUNT = (node, path, reading) -> {
        BigInteger value = whole(node, path, reading);
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            reading.error(path, "must not be negative");
        } else if (value.compareTo(LONG_MAX) > 0) {
            reading.error(path, "must be at most " + Long.MAX_VALUE);
        } else {
            return value.longValue();
        }
        return null;
    };

    /** A Gregorian year from FIRST_YEAR to LAST_YEAR, as an Integer. */
    static final Kind YEAR = (node, path, reading) -> {
        BigInteger value = whole(node, path, reading);
        if (value == null) {
            return null;
        }
        if (value.compareTo(BigInteger.valueOf(FIRST_YEAR)) < 0 || value.compareTo(BigInteger.valueOf(LAST_YEAR)) > 0) {
            reading.error(path, "must be between " + FIRST_YEAR + " and " + LAST_YEAR);
            return null;
        }
        return value.intValue();
    };

    /** A free upper-case word (infrastructure.physical). */
    static final Kind WORD = (node, path, reading) -> {
        String text = text(node, path, reading);
        if (text != null && !UPPER_CASE_WORD.matcher(text).matches()) {
            reading.error(path, "must be an upper-case word (A-Z, 0-9 and _)");
            return null;
        }
        return text;
    };

    /** One of the 77 provinces, by English or Thai name; the value is its English name. */
    static final Kind PROVINCE = (node, path, reading) -> {
        String text = text(node, path, reading);
        if (text == null) {
            return null;
        }
        String name = reading.provinces.englishName(text).orElse(null);
        if (name == null) {
            reading.error(path, "unknown province");
        }
        return name;
    };

    /** One of the given values, exactly (case matters). */
    static Kind oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        String problem = "must be one of " + String.join(", ", values);
        return (node, path, reading) -> {
            String text = text(node, path, reading);
            if (text != null && !values.contains(text)) {
                reading.error(path, problem);
                return null;
            }
            return text;
        };
    }

    /** A JSON array of at most MAX_ITEMS items of the given kind; a null item is refused (only fields may be null). */
    static Kind listOf(Kind item) {
        return (node, path, reading) -> {
            if (!node.isArray()) {
                reading.error(path, "must be a list");
                return null;
            }
            if (node.size() > MAX_ITEMS) {
                reading.error(path, "must have at most " + MAX_ITEMS + " items"); // items unchecked: bounds the answer
                return null;
            }
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                String at = FieldPath.item(path, i);
                JsonNode value = node.get(i);
                if (value.isNull()) {
                    reading.error(at, "must not be null");
                    items.add(null);
                } else {
                    items.add(item.read(value, at, reading));
                }
            }
            return Collections.unmodifiableList(items);
        };
    }

    static <T> Obj<T> object(Function<Values, T> build, Field... fields) {
        return new Obj<>(build, fields);
    }

    private static String text(JsonNode node, String path, Reading reading) {
        if (!node.isTextual()) {
            reading.error(path, "must be a string");
            return null;
        }
        String text = node.textValue();
        if (text.length() > MAX_TEXT && text.codePointCount(0, text.length()) > MAX_TEXT) {
            reading.error(path, "must be at most " + MAX_TEXT + " characters");
            return null;
        }
        String problem = StorableText.problem(text); // PostgreSQL would refuse or alter it, and no text needs it
        if (problem != null) {
            reading.error(path, problem);
            return null;
        }
        return text;
    }

    /** Written as a JSON integer: 3.5 and also 3.0 or 3e0 are refused, as JSON tells them apart from 3. */
    private static BigInteger whole(JsonNode node, String path, Reading reading) {
        if (!node.isIntegralNumber()) {
            reading.error(path, "must be a whole number");
            return null;
        }
        return node.bigIntegerValue();
    }

    private static BigDecimal decimal(JsonNode node, String path, Reading reading, boolean nonNegative) {
        if (!node.isNumber()) {
            reading.error(path, "must be a number");
            return null;
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            reading.error(path, "is out of range"); // NaN, or beyond what a number can hold (1e9999999999)
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (nonNegative && value.signum() < 0) {
            reading.error(path, "must not be negative");
        } else if (value.compareTo(MAX_MAGNITUDE) > 0) {
            reading.error(path, "must be at most " + MAX_MAGNITUDE.toPlainString());
        } else if (value.compareTo(MAX_MAGNITUDE.negate()) < 0) {
            reading.error(path, "must be at least -" + MAX_MAGNITUDE.toPlainString());
        } else if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            reading.error(path, "must have at most " + MAX_DECIMALS + " decimal places");
        } else {
            return value;
        }
        return null;
    }
}
