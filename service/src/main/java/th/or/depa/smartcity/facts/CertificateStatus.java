package th.or.depa.smartcity.facts;

/** The certificate rules' answer: VALID, RENEWAL_OPEN, EXPIRED, RENEWED or REVOKED. */
public record CertificateStatus(String status) {
}
