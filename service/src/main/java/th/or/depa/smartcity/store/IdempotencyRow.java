package th.or.depa.smartcity.store;

/** The first answer to a request sent with an Idempotency-Key, kept to answer its retries. */
public record IdempotencyRow(String userId, String idemKey, String requestSha256, int status, String response) {
}
