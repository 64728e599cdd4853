package th.or.depa.smartcity.engine;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Which rule file each class of the executable model came from, read from the class files (never run): a
 * constraint's class names its rule and file in a string constant. A rule run stopped inside a constraint is then
 * reported with the file the reviewer wrote, though no rule was firing.
 */
final class GeneratedSources {

    private GeneratedSources() {
    }

    /** Binary class name to the resource path (as compiled, e.g. smartcity/criteria/e3_SC-03.drl) it names. */
    static Map<String, String> of(Map<String, byte[]> classes) {
        Map<String, String> out = new HashMap<>();
        classes.forEach((name, bytes) -> {
            String[] found = new String[1];
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String n, String d, String s, String[] e) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLdcInsn(Object value) {
                            if (found[0] == null && value instanceof String text && text.endsWith(".drl")) {
                                found[0] = text;
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
            if (found[0] != null) {
                String binary = name.endsWith(".class") ? name.substring(0, name.length() - 6) : name;
                out.put(binary.replace('/', '.'), found[0]);
            }
        });
        return out;
    }
}
