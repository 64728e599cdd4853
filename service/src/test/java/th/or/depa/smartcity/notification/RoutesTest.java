package th.or.depa.smartcity.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = Routes.load();

    @Test
    void everyKindHasItsWordsInBothLanguages() {
        for (String kind : routes.kinds()) {
            assertTrue(NotificationTexts.has("kind." + kind), kind);
        }
        assertTrue(NotificationTexts.has("kind.EXPIRING"));
    }

    @Test
    void anUnknownEventThatChangesTheStateIsAStateChangeToTheOrganisationAndTheBodyThatMustAct() {
        Routes.Route r = routes.of("SOMETHING_NEW", null).orElseThrow();
        assertEquals("STATE_CHANGED", r.kind());
        assertTrue(r.onlyOnChange());
        assertEquals(List.of("organisation", "bodyAfter"), r.recipients());
    }

    @Test
    void anActionIsRoutedByItsActionFirst() {
        assertEquals("REVISION_REQUESTED", routes.of("ACTION", "REQUEST_REVISION").orElseThrow().kind());
        assertEquals("STATE_CHANGED", routes.of("ACTION", "FORWARD").orElseThrow().kind());
        assertEquals(Optional.empty(), routes.of("VOTE", null));
    }

    @Test
    void renewalReviewStatesBelongToTheBodyTheirNameEndsIn() {
        assertEquals(Optional.of("COMMITTEE"), routes.bodyOf("RENEWAL_COMMITTEE_REVIEW"));
        assertEquals(Optional.of("SUBCOMMITTEE"), routes.bodyOf("RENEWAL_SUBCOMMITTEE_REVIEW"));
        assertEquals(Optional.of("SUBCOMMITTEE"), routes.bodyOf("SUBCOMMITTEE_REVIEW"));
        assertEquals(Optional.empty(), routes.bodyOf("SCREENING"));
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = new Backoff(java.time.Duration.ofSeconds(10), java.time.Duration.ofHours(1),
                java.time.Duration.ofHours(24));
        long first = b.after(1).toMillis();
        long third = b.after(3).toMillis();
        assertTrue(first >= 10_000 && first <= 12_000, "" + first);
        assertTrue(third >= 40_000 && third <= 48_000, "" + third);
        assertTrue(b.after(40).toMillis() <= 3_600_000 * 6 / 5);
    }
}
