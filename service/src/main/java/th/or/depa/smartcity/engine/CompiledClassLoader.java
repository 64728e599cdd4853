package th.or.depa.smartcity.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * Defines the classes the executable model compiled from a rule set (already through the bytecode check), below the
 * sandbox's class loader: what they reach resolves through the sandbox, and nothing else can see them.
 */
final class CompiledClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String MODEL = "org/drools/model/Model";

    private final Map<String, byte[]> classes;

    CompiledClassLoader(ClassLoader sandbox, Map<String, byte[]> classes) {
        super("smartcity-compiled-rules", sandbox);
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name.replace('.', '/') + ".class");
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** The generated rule models (each package's Rules class), read from the class files, never loaded to find them. */
    static List<String> models(Map<String, byte[]> classes) {
        List<String> out = new ArrayList<>();
        classes.forEach((file, bytes) -> {
            ClassReader r = new ClassReader(bytes);
            if (List.of(r.getInterfaces()).contains(MODEL)) {
                out.add(r.getClassName().replace('/', '.'));
            }
        });
        out.sort(null);
        return out;
    }
}
