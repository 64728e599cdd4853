package th.or.depa.smartcity.plan;

import th.or.depa.smartcity.store.PlanRow;

/**
 * What reading a plan asks of the certificate rules (workflow/Certificates): a plan whose certificate is past its
 * validUntil is expired before it is shown, and a certificate is shown with its status.
 */
public interface CertificateLife {

    /** The plan as it stands after any expiry that is due (the same row when none is). */
    PlanRow current(PlanRow p);

    /** Expires every plan that is due, before a list or a report reads them (one indexed query when none is). */
    void expireDue();

    /** The status of the plan's certificate today (VALID, RENEWAL_OPEN, EXPIRED, RENEWED, REVOKED); null without one. */
    String status(PlanRow p);

    /** Nothing to do: until the application wires the rules in. */
    CertificateLife NONE = new CertificateLife() {
        @Override
        public PlanRow current(PlanRow p) {
            return p;
        }

        @Override
        public void expireDue() {
        }

        @Override
        public String status(PlanRow p) {
            return null;
        }
    };
}
