package th.or.depa.smartcity.api;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request body with the 1 MiB cap of plan.md: larger is 413, before any parsing. */
public final class Bodies {

    public static final int MAX_BYTES = 1024 * 1024;

    private Bodies() {
    }

    public static byte[] read(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ApiException(413, "the body is larger than 1 MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(400, "the body could not be read");
        }
    }
}
