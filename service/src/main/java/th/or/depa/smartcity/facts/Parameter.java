package th.or.depa.smartcity.facts;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * One line of rules/parameters.csv: a threshold a reviewer edits, with its declared type (integer, decimal, codes,
 * text; null when not declared). Rules read it typed: {@code Parameter( name == "minDomains", $min : intValue )}.
 * A list of codes is written space-separated.
 */
public record Parameter(String name, String value, String type) {

    public Parameter(String name, String value) {
        this(name, value, null);
    }

    public int intValue() {
        return decimalValue().intValueExact();
    }

    public double doubleValue() {
        return decimalValue().doubleValue();
    }

    public BigDecimal decimalValue() {
        return new BigDecimal(value.trim());
    }

    public List<String> listValue() {
        String v = value.trim();
        return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
    }

    /** The value as JSON shows it: as its type says; undeclared, a number when it reads as one, else a list or text. */
    public Object typedValue() {
        String v = value.trim();
        if ("codes".equals(type)) {
            return listValue();
        }
        if ("text".equals(type)) {
            return value;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            return d.scale() <= 0 ? (Object) d.longValueExact() : d;
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return v.isEmpty() || v.equals(v.toUpperCase()) ? listValue() : v;
        }
    }
}
