package th.or.depa.smartcity.facts;

/**
 * A workflow rule's word on what a step means for a renewal: the event of the record it writes, RENEWED (the
 * certificate continues) or RENEWAL_REFUSED (it ends at its validUntil).
 */
public record RenewalResult(String event) {
}
