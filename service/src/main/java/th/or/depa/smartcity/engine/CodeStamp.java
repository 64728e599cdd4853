package th.or.depa.smartcity.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * This code's build, for the compiled-rule cache's key: a SHA-256 over this project's class files, each by name, size
 * and CRC-32, in name order. Content, not a file's time or place: the build's entry for the bundled rules (made from
 * target/classes) matches the jar made of the same classes, and any change to a class changes it, so bytecode
 * compiled against other classes is never reused.
 *
 * <p>Size and CRC-32 because a jar's directory holds both for every entry: a jar's stamp needs no class inflated.
 * The build lists the class names beside the bundled entry ({@value #RESOURCE}), so the jar's stamp is a lookup of
 * those ~460 entries (a few ms) rather than a walk of the 68 MB jar's 30,000 (50-70 ms) or hashing its classes' 2 MB
 * (130-250 ms of an interpreted start; bench/README.md "First start"). A class changed after the list was written
 * still changes the stamp; a class added beside unchanged ones cannot change what the rules were compiled against.
 */
final class CodeStamp {

    /** This project's classes: the generated rule code is compiled against them (facts, engine, sandbox). */
    static final String PACKAGE = "th/or/depa/smartcity/";
    /** The names of the jar's classes, written by the build beside the bundled entry (BundledRuleCache). */
    static final String RESOURCE = CompiledRuleCache.BUNDLED + "classes.list";

    private static volatile String value;

    private CodeStamp() {
    }

    /** The stamp of the code this class was loaded from, computed once. */
    static String value() {
        String v = value;
        if (v == null) {
            synchronized (CodeStamp.class) {
                if (value == null) {
                    value = ofRunningCode();
                }
                v = value;
            }
        }
        return v;
    }

    private static String ofRunningCode() {
        try {
            Path code = Path.of(CodeStamp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) {
                return of(code);
            }
            try (InputStream in = CodeStamp.class.getResourceAsStream("/" + RESOURCE)) {
                return ofJar(code, in == null ? null
                        : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        } catch (URISyntaxException | IOException | RuntimeException unknown) {
            return "unknown " + System.nanoTime(); // never reuse what an unknown build wrote
        }
    }

    /** The class files under {@link #PACKAGE} in a classes folder, by name. */
    static List<String> classes(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir.resolve(PACKAGE))) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(CodeStamp::counts).sorted().toList();
        }
    }

    /** The stamp of a classes folder. */
    static String of(Path dir) throws IOException {
        MessageDigest md = sha256();
        for (String name : classes(dir)) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            CRC32 crc = new CRC32();
            crc.update(bytes);
            add(md, name, bytes.length, crc.getValue());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The stamp of a jar: of the listed classes (null: of every class under {@link #PACKAGE}), from its directory. */
    static String ofJar(Path jarFile, List<String> listed) throws IOException {
        MessageDigest md = sha256();
        try (JarFile jar = new JarFile(jarFile.toFile(), false)) {
            List<String> names = listed != null ? listed
                    : jar.stream().map(JarEntry::getName).filter(CodeStamp::counts).sorted().toList();
            for (String name : names) {
                JarEntry e = jar.getJarEntry(name);
                if (e == null) {
                    md.update((byte) 1); // a listed class gone: another build
                    continue;
                }
                add(md, name, e.getSize(), e.getCrc());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean counts(String name) {
        return name.startsWith(PACKAGE) && name.endsWith(".class");
    }

    private static void add(MessageDigest md, String name, long size, long crc) {
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(ByteBuffer.allocate(16).putLong(size).putLong(crc).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
