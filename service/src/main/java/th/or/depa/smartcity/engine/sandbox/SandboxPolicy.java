package th.or.depa.smartcity.engine.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What rule files may use (the allow-list of {@link RuleSandbox}) and how a name written in a rule file resolves to a
 * class: like the Java compiler and Drools do, through the file's imports, its own package and java.lang.
 * One instance per checked file; it caches what it resolved.
 */
final class SandboxPolicy {

    static final String FACTS = "th.or.depa.smartcity.facts";

    static final String ALLOWED_TEXT = CompiledCodeCheck.ALLOWED;

    /** Packages whose classes rules may use, except {@link #DENIED_CLASSES}. Exact packages, not prefixes. */
    static final Set<String> ALLOWED_PACKAGES = Set.of(FACTS,
            "java.lang", "java.util", "java.util.function", "java.util.stream", "java.util.regex",
            "java.time", "java.time.format", "java.time.temporal", "java.time.chrono", "java.math");

    /** Classes of allowed packages that reach the process, threads, class loading or JVM-wide state. */
    static final Set<String> DENIED_CLASSES = Set.of(
            "java.lang.System", "java.lang.Runtime", "java.lang.Process", "java.lang.ProcessBuilder",
            "java.lang.ProcessHandle", "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ThreadLocal",
            "java.lang.InheritableThreadLocal", "java.lang.ClassLoader", "java.lang.Class", "java.lang.ClassValue",
            "java.lang.Module", "java.lang.ModuleLayer", "java.lang.Package", "java.lang.StackWalker",
            "java.lang.SecurityManager", "java.lang.Compiler",
            "java.util.ServiceLoader", "java.util.ResourceBundle", "java.util.ListResourceBundle",
            "java.util.PropertyResourceBundle", "java.util.Timer", "java.util.TimerTask", "java.util.Formatter");

    /**
     * Identifiers refused wherever they appear in code (outside quoted text), whatever they would resolve to:
     * the dangerous classes by simple name (also those of packages that are not allowed, so that a forgotten
     * import cannot matter), and the members that lead to classes, class loaders, system properties or JVM-wide
     * settings.
     */
    static final Set<String> DENIED_NAMES = Set.of(
            // java.lang types
            "System", "Runtime", "Process", "ProcessBuilder", "ProcessHandle", "Thread", "ThreadGroup",
            "ThreadLocal", "InheritableThreadLocal", "ClassLoader", "Class", "ClassValue", "Module", "ModuleLayer",
            "StackWalker", "SecurityManager", "Compiler",
            // reflection, method handles, scripting, class loading elsewhere
            "Method", "Field", "Constructor", "Proxy", "InvocationHandler", "AccessibleObject", "MethodHandles",
            "MethodHandle", "MethodType", "VarHandle", "CallSite", "LambdaMetafactory", "Unsafe", "ScriptEngine",
            "ScriptEngineManager", "ServiceLoader", "ResourceBundle", "URLClassLoader", "Instrumentation",
            "ManagementFactory", "InitialContext", "DriverManager",
            // threads, timers, files
            "Executors", "ExecutorService", "ForkJoinPool", "CompletableFuture", "Timer", "TimerTask", "File",
            "Files", "Paths", "FileSystems",
            // members that yield classes, class loaders, resources or reflection
            "getClass", "getClassLoader", "getSystemClassLoader", "getPlatformClassLoader", "getContextClassLoader",
            "forName", "loadClass", "defineClass", "findClass", "getDeclaringClass", "getSuperclass",
            "getComponentType", "componentType", "arrayType", "getEnclosingClass", "getNestHost", "getModule",
            "getProtectionDomain", "getResource", "getResources", "getResourceAsStream", "getDeclaredMethod",
            "getDeclaredMethods", "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor",
            "getDeclaredConstructors", "getMethod", "getMethods", "getConstructor", "getConstructors", "getField",
            "getFields", "newInstance", "setAccessible", "TYPE",
            // system properties, environment, process and JVM-wide defaults
            "getBoolean", "getInteger", "getLong", "getenv", "getRuntime", "exec", "halt", "setDefault",
            // the rule engine itself
            "drools", "kcontext", "consequenceCtx", "KnowledgeHelper", "RuleContext", "getProjectClassLoader",
            "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory", "getKieBase",
            "getEntryPoint", "getChannels",
            // class literals and type declarations
            "class", "interface", "enum", "eval");

    /** Further identifiers refused in conditions (MVEL): property forms of the members above, MVEL statements. */
    static final Set<String> DENIED_IN_EXPRESSIONS = Set.of(
            "classLoader", "declaringClass", "superclass", "enclosingClass", "nestHost", "protectionDomain",
            "declaredMethods", "declaredFields", "declaredConstructors", "module", "contextClassLoader",
            "systemClassLoader", "kieRuntime", "knowledgeRuntime", "workingMemory", "import", "def", "function");

    /** Top-level package names: a dotted name starting with one of these is a fully-qualified class name. */
    static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io",
            "jakarta", "th", "ch", "kotlin", "scala", "groovy");

    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "const", "continue", "default", "do", "double", "else", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "instanceof", "int", "long", "native", "new", "package",
            "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true",
            "false", "null", "var", "yield", "record", "sealed", "permits", "non");

    private static final Pattern NAME = Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
            + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");

    private final String packageName;
    private final Map<String, String> singleImports = new LinkedHashMap<>();
    private final List<String> wildcardImports = new ArrayList<>();
    private final ClassLoader loader;
    private final Map<String, Optional<Class<?>>> loaded = new HashMap<>();
    private final Map<String, List<Class<?>>> simple = new HashMap<>();

    SandboxPolicy(String packageName, List<String> importTargets) {
        this.packageName = packageName == null ? "" : packageName;
        // the class Drools generates from a rule imports this one besides the file's own imports
        singleImports.put("KnowledgeHelper", "org.drools.core.rule.consequence.KnowledgeHelper");
        for (String target : importTargets) {
            if (target.endsWith(".*")) {
                wildcardImports.add(target.substring(0, target.length() - 2));
            } else if (target.contains(".")) {
                singleImports.putIfAbsent(target.substring(target.lastIndexOf('.') + 1), target);
            }
        }
        ClassLoader l = SandboxPolicy.class.getClassLoader();
        this.loader = l == null ? ClassLoader.getSystemClassLoader() : l;
    }

    /** A class rules may use: a fact class, or a class of an allowed package that is not denied (nested: by its outermost class). */
    static boolean allowed(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        return allowedName(c.getName());
    }

    /** The same judgement on a binary class name (nested classes with $), for names that need not exist. */
    static boolean allowedName(String binaryName) {
        int dollar = binaryName.indexOf('$');
        String outer = dollar < 0 ? binaryName : binaryName.substring(0, dollar);
        int dot = outer.lastIndexOf('.');
        String pkg = dot < 0 ? "" : outer.substring(0, dot);
        return ALLOWED_PACKAGES.contains(pkg) && !DENIED_CLASSES.contains(outer);
    }

    /** Whether an import target (a class, a nested class or a package with .*) is allowed. */
    boolean allowedImport(String target) {
        if (!NAME.matcher(target.endsWith(".*") ? target.substring(0, target.length() - 2) : target).matches()) {
            return false;
        }
        if (target.endsWith(".*")) {
            String p = target.substring(0, target.length() - 2);
            if (ALLOWED_PACKAGES.contains(p)) {
                return true;
            }
            Class<?> c = loadCanonical(p);
            return c != null && allowed(c);
        }
        Class<?> c = loadCanonical(target);
        if (c != null) {
            return allowed(c);
        }
        return allowedName(target);
    }

    /**
     * Every class a simple name may stand for in this file: a single-type import, the file's own package, a
     * wildcard import, java.lang. Empty when it names no class (a variable, a property, a package, a typo).
     */
    List<Class<?>> resolveSimple(String name) {
        List<Class<?>> cached = simple.get(name);
        if (cached != null) {
            return cached;
        }
        List<Class<?>> found = new ArrayList<>();
        if (!name.isEmpty() && !name.startsWith("$") && !KEYWORDS.contains(name)) {
            String single = singleImports.get(name);
            if (single != null) {
                add(found, loadCanonical(single));
            }
            if (!packageName.isEmpty()) {
                add(found, load(packageName + "." + name));
            }
            for (String w : wildcardImports) {
                add(found, loadCanonical(w + "." + name));
            }
            add(found, load("java.lang." + name));
        }
        simple.put(name, found);
        return found;
    }

    /**
     * Judges a dotted name that starts an expression or names a type ({@code Status.MET}, {@code Map.Entry},
     * {@code java.nio.file.Files.writeString}, {@code $p.kind}): the name as written to report when it reaches a
     * class rules may not use, else null. A first part that names a class is judged as that class (through the
     * imports); otherwise the longest-needed prefix that is a fully-qualified class name is; a name that starts with
     * a well-known top-level package and names no class is refused too. Anything else (a variable, a property) is
     * not a class and is left to the compiler.
     */
    String refusedName(List<String> segments) {
        String root = segments.get(0);
        if (KEYWORDS.contains(root)) {
            return null;
        }
        List<Class<?>> candidates = resolveSimple(root);
        if (!candidates.isEmpty()) {
            for (Class<?> c : candidates) {
                if (!allowed(c)) {
                    return root;
                }
            }
            return null;
        }
        if (segments.size() < 2) {
            return null;
        }
        StringBuilder prefix = new StringBuilder(root);
        for (int i = 1; i < segments.size(); i++) {
            prefix.append('.').append(segments.get(i));
            Class<?> c = load(prefix.toString());
            if (c != null) {
                return allowed(c) ? null : prefix.toString();
            }
        }
        if (PACKAGE_ROOTS.contains(root) && segments.size() >= 3) {
            return String.join(".", segments);
        }
        return null;
    }

    /** A dotted name, loaded as written or with its last parts as nested classes (java.util.Map.Entry). */
    Class<?> loadCanonical(String dotted) {
        String name = dotted;
        Class<?> c = load(name);
        int dot = name.lastIndexOf('.');
        while (c == null && dot > 0) {
            name = name.substring(0, dot) + "$" + name.substring(dot + 1);
            dot = name.lastIndexOf('.', dot - 1);
            c = load(name);
        }
        return c;
    }

    private Class<?> load(String name) {
        Optional<Class<?>> c = loaded.get(name);
        if (c == null) {
            c = Optional.empty();
            if (name.length() < 512 && NAME.matcher(name.replace('$', '_')).matches()) {
                try {
                    c = Optional.of(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                    c = Optional.empty();
                }
            }
            loaded.put(name, c);
        }
        return c.orElse(null);
    }

    private static void add(List<Class<?>> found, Class<?> c) {
        if (c != null && !found.contains(c)) {
            found.add(c);
        }
    }
}
