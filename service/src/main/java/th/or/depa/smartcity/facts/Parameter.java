package th.or.depa.smartcity.facts;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * One line of rules/parameters.csv: a threshold a reviewer edits. Rules read it typed:
 * {@code Parameter( name == "minDomains", $min : intValue )}. A list is written space-separated.
 */
public record Parameter(String name, String value) {

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

    /** The value as JSON would show it: a number when it reads as one, a list when the name says so, else text. */
    public Object typedValue() {
        String v = value.trim();
        try {
            BigDecimal d = new BigDecimal(v);
            return d.scale() <= 0 ? (Object) d.longValueExact() : d;
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return v.isEmpty() || v.equals(v.toUpperCase()) ? listValue() : v;
        }
    }
}
