package th.or.depa.smartcity.engine.sandbox;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The sandbox on what runs: every class the executable model compiled from a rule set is read as bytecode, and every
 * method it calls, field it reads, type it creates, casts to or loads as a constant, and every method a lambda or
 * method reference points to, is checked on the owner the Java compiler resolved, not on how the rule spelled it.
 * Reaching {@code Thread.currentThread()} through a package-private subclass, a record's accessor through
 * {@code getRecordComponents()}, a class literal however written: all compile to a reference whose owner is not on
 * the allow-list, and the rule set is refused before it is ever loaded. No MVEL runs in an executable-model KieBase,
 * so nothing is evaluated that this check has not seen.
 *
 * <p>Allowed owners (see {@link #allowed}): the classes compiled from the rule set; the project's fact and result
 * classes; String, the boxed primitives, Math, the java.util collections and Objects, java.time, java.math; the
 * parts of Drools and kie-api that generated code itself uses (the model DSL, its operators, accumulate functions,
 * and of the consequence context only insert, update and delete). Refused everywhere: getClass, wait, notify,
 * notifyAll, finalize, and the boxed types' readers of system properties; any owner that is not public, or that is a
 * Thread, ThreadGroup, ClassLoader, Class, Runtime, System, Process, reflection, invoke, I/O or network type.
 */
public final class CompiledCodeCheck {

    /** A reference that rules may not make: the class that makes it, what it reaches and why not. */
    public record Violation(String inClass, String reference, String member) {
    }

    /** What rule code may use, as a reviewer reads it in a refusal (the text check says the same). */
    public static final String ALLOWED = "rules may use only the fact and result classes, String, the boxed numbers,"
            + " Math, the java.util collections and Objects, java.time and java.math";

    private static final String FACTS = "th/or/depa/smartcity/facts/";

    private static final Set<String> JDK_CLASSES = Set.of(
            "java/lang/Object", "java/lang/String", "java/lang/CharSequence", "java/lang/Comparable",
            "java/lang/Iterable", "java/lang/Number", "java/lang/Boolean", "java/lang/Byte", "java/lang/Short",
            "java/lang/Character", "java/lang/Integer", "java/lang/Long", "java/lang/Float", "java/lang/Double",
            "java/lang/Math", "java/lang/StrictMath", "java/lang/Enum", "java/lang/StringBuilder",
            "java/lang/RuntimeException", "java/lang/IllegalArgumentException", "java/lang/IllegalStateException",
            "java/lang/ArithmeticException", "java/lang/NullPointerException",
            "java/util/Collection", "java/util/List", "java/util/ArrayList", "java/util/LinkedList",
            "java/util/Set", "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet",
            "java/util/SortedSet", "java/util/NavigableSet", "java/util/Map", "java/util/Map$Entry",
            "java/util/HashMap", "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/SortedMap",
            "java/util/NavigableMap", "java/util/Iterator", "java/util/ListIterator", "java/util/Collections",
            "java/util/Arrays", "java/util/Objects", "java/util/Optional", "java/util/Comparator",
            "java/math/BigDecimal", "java/math/BigInteger", "java/math/RoundingMode", "java/math/MathContext");

    /** Members refused on every owner: reflection, monitors, and the boxed types' system property readers. */
    private static final Set<String> DENIED_MEMBERS = Set.of(
            "getClass", "wait", "notify", "notifyAll", "finalize", "getInteger", "getLong", "getBoolean");

    /** Classes whose constants generated code reads, but none of whose methods a rule may call. */
    private static final Set<String> CONSTANTS_ONLY = Set.of("java/util/Locale");

    /** The parts of Drools and kie-api that the executable model's generated code calls. */
    private static final List<String> ENGINE_PREFIXES = List.of(
            "org/drools/model/", "org/drools/modelcompiler/", "org/drools/core/base/accumulators/",
            "org/kie/api/builder/model/", "org/kie/api/conf/", "org/kie/api/runtime/conf/",
            "org/kie/util/maven/support/ReleaseIdImpl");

    private static final Set<String> ENGINE_MEMBERS = Set.of(
            "org/kie/api/KieServices.get", "org/kie/api/KieServices.newKieModuleModel",
            "org/kie/util/maven/support/ReleaseIdImpl.<init>", "org/drools/util/DateUtils.getDateFormatMask",
            "java/lang/System.arraycopy", "java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants");

    /** Of the context a consequence gets, only what a rule is for: to add, change and remove facts. */
    private static final String CONSEQUENCE_CONTEXT = "org/drools/model/Drools";
    private static final Set<String> CONSEQUENCE_MEMBERS = Set.of("insert", "update", "delete");

    /** Types no reference may name, whatever list would otherwise let it through (subtypes included). */
    private static final List<String> DENIED_TYPES = List.of(
            "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader", "java.lang.Class",
            "java.lang.Runtime", "java.lang.System", "java.lang.Process", "java.lang.ProcessBuilder",
            "java.lang.ProcessHandle", "java.lang.StackWalker", "java.lang.Module", "java.lang.ModuleLayer");
    private static final List<String> DENIED_PACKAGES = List.of(
            "java.lang.reflect.", "java.lang.invoke.", "java.io.", "java.nio.", "java.net.", "java.sql.",
            "javax.", "sun.", "jdk.", "com.sun.", "java.util.concurrent.", "java.util.prefs.", "java.util.logging.",
            "java.util.zip.", "java.util.jar.", "java.security.", "java.rmi.", "java.beans.", "java.lang.management.",
            "java.lang.ref.", "java.lang.instrument.", "org.mvel2.");

    private CompiledCodeCheck() {
    }

    /** Checks every class (binary names as keys, class files as values); returns each refused reference once. */
    public static List<Violation> check(Map<String, byte[]> classes) {
        Set<String> own = new LinkedHashSet<>();
        for (String name : classes.keySet()) {
            own.add(internal(name));
        }
        Set<Violation> found = new LinkedHashSet<>();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            String inClass = internal(c.getKey()).replace('/', '.');
            for (String[] ref : references(c.getValue())) {
                if (!allowed(ref[0], ref[1], own)) {
                    found.add(new Violation(inClass, ref[0].replace('/', '.') + (ref[1].isEmpty() ? "" : "." + ref[1]),
                            ref[1]));
                }
            }
        }
        return List.copyOf(found);
    }

    /** Whether compiled rule code may reach member (empty: the type itself) of owner (internal name). */
    static boolean allowed(String owner, String member, Collection<String> own) {
        String type = owner;
        while (type.startsWith("[")) {
            type = type.substring(1);
        }
        if (type.startsWith("L") && type.endsWith(";")) {
            type = type.substring(1, type.length() - 1);
        }
        if (type.length() == 1) {
            return true; // an array of primitives
        }
        if (!type.equals(owner) && !member.isEmpty() && !member.equals("clone")) {
            return false; // arrays have length (not a member here) and clone, nothing else
        }
        if (own.contains(type) || ENGINE_MEMBERS.contains(type + "." + member)) {
            return true;
        }
        if (DENIED_MEMBERS.contains(member) || deniedType(type)) {
            return false;
        }
        if (type.equals(CONSEQUENCE_CONTEXT)) {
            return member.isEmpty() || CONSEQUENCE_MEMBERS.contains(member);
        }
        if (CONSTANTS_ONLY.contains(type)) {
            return member.isEmpty() || member.equals(member.toUpperCase(java.util.Locale.ROOT));
        }
        if (type.startsWith(FACTS) || JDK_CLASSES.contains(type) || type.startsWith("java/time/")) {
            return isPublic(type);
        }
        for (String prefix : ENGINE_PREFIXES) {
            if (type.startsWith(prefix)) {
                return isPublic(type);
            }
        }
        return false;
    }

    /** A denied type, or a subtype of one (found without initialising the class). */
    private static boolean deniedType(String internalName) {
        String name = internalName.replace('/', '.');
        for (String p : DENIED_PACKAGES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        if (DENIED_TYPES.contains(name)) {
            return true;
        }
        Class<?> c = load(name);
        if (c == null) {
            return false; // unknown owners are refused by the allow-list, not here
        }
        for (String denied : DENIED_TYPES) {
            Class<?> d = load(denied);
            if (d != null && d.isAssignableFrom(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPublic(String internalName) {
        Class<?> c = load(internalName.replace('/', '.'));
        if (c == null) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, CompiledCodeCheck.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Every reference the class's code makes, as {owner, member}; member is empty for a type. */
    private static List<String[]> references(byte[] classFile) {
        List<String[]> out = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                        out.add(new String[] {owner, n});
                    }

                    @Override
                    public void visitFieldInsn(int op, String owner, String n, String d) {
                        out.add(new String[] {owner, n});
                    }

                    @Override
                    public void visitTypeInsn(int op, String type) {
                        out.add(new String[] {type, ""});
                    }

                    @Override
                    public void visitMultiANewArrayInsn(String desc, int dims) {
                        out.add(new String[] {desc, ""});
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        constant(value, out);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                        out.add(new String[] {bsm.getOwner(), bsm.getName()});
                        for (Object a : args) {
                            constant(a, out);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return out;
    }

    private static void constant(Object value, List<String[]> out) {
        if (value instanceof Handle h) {
            out.add(new String[] {h.getOwner(), h.getName()});
        } else if (value instanceof Type t && t.getSort() == Type.OBJECT || value instanceof Type a
                && a.getSort() == Type.ARRAY) {
            out.add(new String[] {((Type) value).getInternalName(), ""});
        }
    }

    private static String internal(String binaryName) {
        String n = binaryName.endsWith(".class") ? binaryName.substring(0, binaryName.length() - 6) : binaryName;
        return n.replace('.', '/');
    }
}
