package th.or.depa.smartcity.store;

import java.time.Instant;

public record UserRow(String id, String name, String role, String organisation, String body, boolean chair,
                      Instant createdAt, boolean active) {
}
