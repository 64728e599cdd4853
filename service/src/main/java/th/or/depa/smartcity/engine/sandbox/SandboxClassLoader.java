package th.or.depa.smartcity.engine.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * Defence in depth behind {@link RuleSandbox}: the class loader given to the rule build
 * ({@code ks.newKieBuilder(kfs, loader)}, {@code ks.newKieContainer(rid, loader)}). Classes compiled from rule files
 * resolve the classes they use through it, and the Java compiler (ECJ) reads class files through its resources, so a
 * denied class is neither loadable ({@link ClassNotFoundException}) nor visible as a resource: code that names it
 * does not compile ("cannot be resolved to a type").
 *
 * <p>Denied (stack-notes 3.2): the packages java.io (except Serializable and Externalizable), java.nio, java.net,
 * java.lang.reflect, java.lang.invoke (except LambdaMetafactory and StringConcatFactory, which compiled lambdas and
 * string concatenation need), java.sql, javax.naming, javax.script, java.util.prefs, sun, jdk, com.sun; and exactly
 * the classes java.lang.System, Runtime, Process, ProcessBuilder, ProcessHandle, Thread, ThreadGroup, ClassLoader,
 * Module, ModuleLayer, StackWalker (with their nested classes). Names are matched exactly, not as prefixes:
 * java.lang.RuntimeException stays available.
 *
 * <p>It does not stop code the rule engine interprets by reflection (MVEL), nor classes of the engine itself; that is
 * what {@link RuleSandbox} is for.
 */
public final class SandboxClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final Set<String> DENIED_CLASSES = Set.of(
            "java.lang.System", "java.lang.Runtime", "java.lang.Process", "java.lang.ProcessBuilder",
            "java.lang.ProcessHandle", "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader",
            "java.lang.Module", "java.lang.ModuleLayer", "java.lang.StackWalker");

    private static final Set<String> DENIED_PACKAGE_PREFIXES = Set.of(
            "java.io.", "java.nio.", "java.net.", "java.lang.reflect.", "java.lang.invoke.", "java.sql.",
            "javax.naming.", "javax.script.", "java.util.prefs.", "sun.", "jdk.", "com.sun.");

    private static final Set<String> ALLOWED_IN_DENIED_PACKAGES = Set.of(
            "java.io.Serializable", "java.io.Externalizable",
            "java.lang.invoke.LambdaMetafactory", "java.lang.invoke.StringConcatFactory");

    /**
     * Denied classes whose class files the Java compiler must still read: Integer, Long, String, Double implement
     * ConstantDesc, whose resolveConstantDesc(MethodHandles.Lookup) ECJ inspects when it infers a common type
     * (Map.of("a", 1.0, "b", 2L)); without the class file it reports "The type java.lang.invoke.MethodHandles cannot
     * be resolved". They stay unloadable, so compiled rule code that names them fails when it runs.
     */
    private static final Set<String> READABLE_BY_COMPILER = Set.of("java.lang.invoke.MethodHandles");

    public SandboxClassLoader(ClassLoader parent) {
        super("smartcity-rule-sandbox", parent);
    }

    /** Whether rule code may not see a class (binary name, e.g. java.lang.ProcessBuilder$Redirect). */
    public static boolean isDenied(String className) {
        if (className == null) {
            return false;
        }
        String name = className;
        while (name.startsWith("[")) {
            name = name.substring(1);
        }
        if (name.startsWith("L") && name.endsWith(";")) {
            name = name.substring(1, name.length() - 1);
        }
        name = name.replace('/', '.');
        int dollar = name.indexOf('$');
        String outer = dollar < 0 ? name : name.substring(0, dollar);
        if (DENIED_CLASSES.contains(outer)) {
            return true;
        }
        if (ALLOWED_IN_DENIED_PACKAGES.contains(outer)) {
            return false;
        }
        for (String prefix : DENIED_PACKAGE_PREFIXES) {
            if (outer.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A resource name that is a denied class file, or lies in a denied package (java/nio/file/Files.class, java/io/). */
    static boolean isDeniedResource(String resource) {
        if (resource == null) {
            return false;
        }
        String r = resource.startsWith("/") ? resource.substring(1) : resource;
        if (r.endsWith(".class")) {
            String name = r.substring(0, r.length() - ".class".length()).replace('/', '.');
            int dollar = name.indexOf('$');
            if (READABLE_BY_COMPILER.contains(dollar < 0 ? name : name.substring(0, dollar))) {
                return false;
            }
            return isDenied(name);
        }
        String asPackage = r.replace('/', '.');
        if (!asPackage.endsWith(".")) {
            asPackage = asPackage + ".";
        }
        for (String prefix : DENIED_PACKAGE_PREFIXES) {
            if (asPackage.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isDenied(name)) {
            throw new ClassNotFoundException(name + " is not available to rules");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }

    @Override
    public URL getResource(String name) {
        return isDeniedResource(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isDeniedResource(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        return isDeniedResource(name) ? null : super.getResourceAsStream(name);
    }
}
