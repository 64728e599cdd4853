package th.or.depa.smartcity.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kie.api.KieServices;

/**
 * The classes the executable model compiled from a set of rule files, kept by the SHA-256 of those files (with the
 * Drools version and this code's build), in memory and in a folder, so that the same sources are never compiled twice:
 * the Java generation and compilation is most of a rule set's check (bench/README.md "Feedback"). A threshold lives in
 * parameters.csv, not in compiled code, so changing one reuses the entry. An entry is only ever stored after the
 * bytecode check passed, and {@link RuleSetCompiler} checks it again whenever it is loaded, from memory or disk; an
 * entry whose stored key differs from the one asked for is ignored.
 *
 * <p>The folder is {@code smartcity.rulesCache} (system property), else {@code RULES_CACHE_DIR}, else
 * {@code data/rule-cache} beside the H2 files; "off" keeps entries in memory only. Where the folder has no entry, the
 * jar's {@value #BUNDLED} is read: the build put there the bundled rules' entry and their "tests passed" note
 * ({@code BundledRuleCache}), made by this very code (the key's {@link CodeStamp} is a digest of its class files), so
 * a first start with the bundled rules compiles nothing. Those entries are read and checked like the folder's.
 */
public final class CompiledRuleCache {

    /** Raised whenever what is compiled for the same sources changes (naming of resources, generated classes). */
    private static final String FORMAT = "smartcity-compiled-rules-1";
    private static final int MAGIC = 0x5352_4331;
    private static final int IN_MEMORY = 8;
    /** Where the build puts the bundled rules' entries among the jar's resources. */
    public static final String BUNDLED = "rule-cache/";

    static final CompiledRuleCache SHARED = new CompiledRuleCache(folder(), CompiledRuleCache.class.getClassLoader());

    private final Path dir;
    private final ClassLoader bundled;
    private final Map<String, Map<String, byte[]>> memory = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, byte[]>> eldest) {
            return size() > IN_MEMORY;
        }
    };

    CompiledRuleCache(Path dir) {
        this(dir, null);
    }

    /** bundled: where entries made by the build are found ({@value #BUNDLED}), when the folder has none; or null. */
    CompiledRuleCache(Path dir, ClassLoader bundled) {
        this.dir = dir;
        this.bundled = bundled;
    }

    /** The key of a build's sources: their paths and texts, the Drools version and this code's build. */
    static String key(String kind, Map<String, String> sources) {
        return key(kind, sources, CodeStamp.value());
    }

    static String key(String kind, Map<String, String> sources, String codeStamp) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {FORMAT, kind, DROOLS_VERSION, codeStamp}) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            new TreeMap<>(sources).forEach((path, text) -> {
                md.update(path.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(text.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classes stored under this key, from memory or the folder; empty when none or unreadable. */
    Optional<Map<String, byte[]>> get(String key) {
        synchronized (memory) {
            Map<String, byte[]> hit = memory.get(key);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        Optional<Map<String, byte[]>> read = read(key);
        read.ifPresent(classes -> remember(key, classes));
        return read;
    }

    /** Keeps classes that passed the bytecode check under their sources' key. */
    void put(String key, Map<String, byte[]> classes) {
        Map<String, byte[]> copy = Map.copyOf(classes);
        remember(key, copy);
        write(key, copy);
    }

    private void remember(String key, Map<String, byte[]> classes) {
        synchronized (memory) {
            memory.put(key, classes);
        }
    }

    private Optional<Map<String, byte[]>> read(String key) {
        String name = key + ".classes";
        try (InputStream raw = open(name)) {
            if (raw == null) {
                return Optional.empty();
            }
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
            if (in.readInt() != MAGIC || !in.readUTF().equals(key)) {
                return Optional.empty(); // another file's entry, or another format: never trusted
            }
            int n = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String className = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(className, bytes);
            }
            return Optional.of(Map.copyOf(classes));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The folder's file of this name, else the build's ({@value #BUNDLED}); null when neither has it. */
    private InputStream open(String name) throws IOException {
        if (dir != null) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return Files.newInputStream(file);
            }
        }
        return bundled == null ? null : bundled.getResourceAsStream(BUNDLED + name);
    }

    private void write(String key, Map<String, byte[]> classes) {
        if (dir == null) {
            return;
        }
        try {
            ensureFolder();
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeUTF(key);
                out.writeInt(classes.size());
                for (Map.Entry<String, byte[]> c : new TreeMap<>(classes).entrySet()) {
                    out.writeUTF(c.getKey());
                    out.writeInt(c.getValue().length);
                    out.write(c.getValue());
                }
            }
            try {
                Files.move(tmp, dir.resolve(key + ".classes"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(key + ".classes"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException notWritable) {
            // the cache is an optimisation: a folder it cannot write only costs the next compile
        }
    }

    private static Path folder() {
        String configured = System.getProperty("smartcity.rulesCache", System.getenv("RULES_CACHE_DIR"));
        if ("off".equals(configured)) {
            return null;
        }
        return Path.of(configured == null || configured.isBlank() ? "data/rule-cache" : configured).toAbsolutePath();
    }

    /** Where the worker JVM's class-data archive (AppCDS) of this build is kept; null when the cache is off. */
    public static Path classArchive(String name) {
        return SHARED.dir == null ? null : SHARED.dir.resolve(name + "-" + key("cds", Map.of()).substring(0, 16) + ".jsa");
    }

    /** The folder setting to hand a worker JVM, so that it shares the service's entries. */
    public static String folderSetting() {
        return SHARED.dir == null ? "off" : SHARED.dir.toString();
    }

    /** Whether exactly these files (tests and parameters too) passed their rule tests, with this build and limits. */
    public static Optional<String> testsPassed(RuleFiles files, String limits) {
        return SHARED.passed(files, limits);
    }

    Optional<String> passed(RuleFiles files, String limits) {
        try (InputStream mark = open(testsMark(files, limits))) {
            if (mark == null) {
                return Optional.empty();
            }
            String[] lines = new String(mark.readAllBytes(), StandardCharsets.UTF_8).split("\n", 2);
            return lines[0].equals(files.sha256()) ? Optional.of(lines.length > 1 ? lines[1] : "") : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Notes that these files passed their rule tests, so that evaluate and rules-check of them need not run them;
     * summary (what the tests counted) is given back by {@link #testsPassed}.
     */
    public static void markTestsPassed(RuleFiles files, String limits, String summary) {
        SHARED.markPassed(files, limits, summary);
    }

    void markPassed(RuleFiles files, String limits, String summary) {
        if (dir == null) {
            return;
        }
        try {
            ensureFolder();
            Path tmp = Files.createTempFile(dir, "tests", ".tmp");
            Files.writeString(tmp, files.sha256() + "\n" + summary);
            Files.move(tmp, dir.resolve(testsMark(files, limits)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException notWritable) {
            // only costs running the tests again
        }
    }

    /** The note's name: these very files (their sha256), the limits they ran under, this build (the key). */
    private static String testsMark(RuleFiles files, String limits) {
        return key("tests", Map.of("files", files.sha256(), "limits", limits)) + ".passed";
    }

    /**
     * For the build (BundledRuleCache), run from the classes folder the jar is made of: empties dir of earlier builds'
     * entries and lists this code's classes there, so that the jar's stamp is a lookup of those ({@link CodeStamp}).
     */
    public static void startBundle(Path dir) throws IOException {
        ensureFolder(dir);
        try (java.util.stream.Stream<Path> old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".classes") || name.endsWith(".passed") || name.endsWith(".tmp")) {
                    Files.delete(p); // only what a cache writes: the folder given is never emptied of anything else
                }
            }
        }
        Path classes;
        try {
            classes = Path.of(CodeStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Files.write(dir.resolve(CodeStamp.RESOURCE.substring(BUNDLED.length())), CodeStamp.classes(classes),
                StandardCharsets.UTF_8);
    }

    /** Makes the folder (owner only) if it is missing. */
    public static void ensureFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder keeps the platform's default permissions
            }
        }
    }

    private void ensureFolder() throws IOException {
        ensureFolder(dir);
    }

    private static final String DROOLS_VERSION = droolsVersion();

    /** From kie-api's Maven properties, which the shaded jar keeps (its manifest is the service's own). */
    private static String droolsVersion() {
        try (InputStream in = KieServices.class.getResourceAsStream("/META-INF/maven/org.kie/kie-api/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException unreadable) {
            // below: the package's version
        }
        String v = KieServices.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
