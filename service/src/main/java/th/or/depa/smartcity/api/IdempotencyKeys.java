package th.or.depa.smartcity.api;

/** The Idempotency-Key header (and the web plan form's one-time key): optional, printable, at most 200 characters. */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    public static String check(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw ApiException.field(422, "Idempotency-Key", "must be 1 to 200 printable ASCII characters");
        }
        return key;
    }
}
