package th.or.depa.smartcity.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A complete rule set as text files keyed by their path relative to the rules folder ("criteria/SC-03.drl").
 * Its identity is the SHA-256 over the sorted paths and contents, so the same files always give the same hash.
 */
public final class RuleFiles {

    private final SortedMap<String, String> files;
    private final String sha256;

    public RuleFiles(Map<String, String> files) {
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.sha256 = hash(this.files);
    }

    /** Every regular, non-hidden file below dir; editor back-ups (name~, .swp) are skipped. */
    public static RuleFiles readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException("rules folder not found: " + dir.toAbsolutePath()));
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && !ignored(rel)) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RuleFiles(files);
    }

    public static boolean ignored(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".") || part.endsWith("~") || part.endsWith(".swp") || part.endsWith(".tmp")) {
                return true;
            }
        }
        return false;
    }

    public SortedMap<String, String> files() {
        return files;
    }

    public String sha256() {
        return sha256;
    }

    private static String hash(SortedMap<String, String> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            files.forEach((path, content) -> {
                md.update(path.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(content.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
