package th.or.depa.smartcity.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Where the record key comes from: RECORD_KEY, else the key file, made once with mode 600. */
class RecordKeyTest {

    final Path file = Path.of("target/test-keys/" + UUID.randomUUID() + "/record.key");

    @Test
    void aMissingKeyFileIsMadePrivateOnceAndReadBackAfterwards() throws Exception {
        RecordKey made = RecordKey.load("", file.toString(), true);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).trim().length() >= RecordKey.MIN_LENGTH);
        assertEquals(made.fingerprint(), RecordKey.load(null, file.toString(), true).fingerprint());
        assertEquals(made.mac("x"), RecordKey.load("", file.toString(), false).mac("x"));
    }

    @Test
    void recordKeyFromTheEnvironmentWinsOverTheFileAndMakesNoFile() {
        RecordKey fromEnv = RecordKey.load("k".repeat(40), file.toString(), true);
        assertTrue(Files.notExists(file));
        assertEquals(RecordKey.of("k".repeat(40)).mac("x"), fromEnv.mac("x"));
        assertNotEquals(RecordKey.of("j".repeat(40)).mac("x"), fromEnv.mac("x"));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalStateException.class, () -> RecordKey.load("too short", file.toString(), true));
    }

    @Test
    void verifyRecordNeverMakesAKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RecordKey.load("", file.toString(), false));
        assertTrue(e.getMessage().contains("no record key"), e.getMessage());
        assertTrue(Files.notExists(file));
    }
}
