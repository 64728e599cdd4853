package th.or.depa.smartcity.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of the worker's standard input as UTF-8 bytes: a plan's line goes to Jackson as it came (its byte parser
 * is the faster one), never decoded into a String first and copied again.
 */
final class ByteLines {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private byte[] line = new byte[8192];

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its '\n', or null at the end of the stream. */
    byte[] next() throws IOException {
        int length = 0;
        while (true) {
            if (start == end) {
                int n = in.read(buffer);
                if (n < 0) {
                    return length == 0 ? null : Arrays.copyOf(line, length);
                }
                start = 0;
                end = n;
            }
            int i = start;
            while (i < end && buffer[i] != '\n') {
                i++;
            }
            int chunk = i - start;
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            start = i;
            if (i < end) {
                start++; // past the '\n'
                return Arrays.copyOf(line, length);
            }
        }
    }

    /** The next line as text, or null at the end of the stream. */
    String nextString() throws IOException {
        byte[] b = next();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
