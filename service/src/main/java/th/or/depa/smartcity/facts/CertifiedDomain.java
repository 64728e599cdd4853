package th.or.depa.smartcity.facts;

/** A domain the certificate under renewal covers. */
public record CertifiedDomain(String name) {
}
