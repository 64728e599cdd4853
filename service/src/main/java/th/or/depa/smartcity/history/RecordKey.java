package th.or.depa.smartcity.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the record is signed with (HMAC-SHA-256), kept outside the database: RECORD_KEY, else the key file
 * (data/record.key), made on first start. Without it an edit to the database cannot be re-signed.
 */
public final class RecordKey {

    /** A key shorter than this is refused: the record is only as strong as its key. */
    static final int MIN_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;

    private RecordKey(String text) {
        if (text.length() < MIN_LENGTH) {
            throw new IllegalStateException("the record key must be at least " + MIN_LENGTH + " characters");
        }
        this.secret = new SecretKeySpec(text.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public static RecordKey of(String text) {
        return new RecordKey(text.trim());
    }

    /** RECORD_KEY when set, else the key file; a missing file is made (mode 600) only when create is true. */
    public static RecordKey load(String key, String keyFile, boolean create) {
        if (key != null && !key.isBlank()) {
            return of(key);
        }
        Path file = Path.of(keyFile);
        try {
            if (Files.exists(file)) {
                return of(Files.readString(file));
            }
            if (!create) {
                throw new IllegalStateException("no record key: set RECORD_KEY or restore " + file.toAbsolutePath());
            }
            return of(make(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the record key " + file.toAbsolutePath(), e);
        }
    }

    /** Writes a new random key to a private temporary file and links it in place: two starts never get two keys. */
    private static String make(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, ".record-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            tmp = Files.createTempFile(dir, ".record-key", ".tmp");
        }
        try {
            Files.writeString(tmp, text + "\n");
            Files.createLink(file, tmp);
            return text;
        } catch (FileAlreadyExistsException lostRace) {
            return Files.readString(file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** HMAC-SHA-256 of the text, in hex. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names the key without revealing it: stored in the database to refuse a start with another key. */
    public String fingerprint() {
        return mac("smartcity record key fingerprint");
    }
}
