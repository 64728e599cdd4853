package th.or.depa.smartcity.web;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams a report page through while adding the web view's parts: before {@code </head>} the web view's links,
 * the opening body tag replaced (to add the language class) and followed by its navigation. Only the page's head is held back (until the body tag is seen); the
 * rows that follow pass straight through, so the report still streams.
 */
final class Splice extends FilterOutputStream {

    private static final String HEAD_END = "</head>";
    private final String bodyTag;
    private final byte[] headExtra;
    private final byte[] newBodyTag;
    private final byte[] bodyExtra;
    private ByteArrayOutputStream held = new ByteArrayOutputStream(8192);

    Splice(OutputStream out, String bodyTag, String newBodyTag, String headExtra, String bodyExtra) {
        super(out);
        this.bodyTag = bodyTag;
        this.newBodyTag = newBodyTag.getBytes(StandardCharsets.UTF_8);
        this.headExtra = headExtra.getBytes(StandardCharsets.UTF_8);
        this.bodyExtra = bodyExtra.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (held == null) {
            out.write(b, off, len);
            return;
        }
        held.write(b, off, len);
        byte[] bytes = held.toByteArray();
        String ascii = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte: indexes are byte offsets
        int body = ascii.indexOf(bodyTag);
        if (body < 0) {
            return;
        }
        int head = ascii.indexOf(HEAD_END);
        int afterBody = body + bodyTag.length();
        held = null;
        if (head >= 0 && head < body) {
            out.write(bytes, 0, head);
            out.write(headExtra);
            out.write(bytes, head, body - head);
        } else {
            out.write(bytes, 0, body);
        }
        out.write(newBodyTag);
        out.write(bodyExtra);
        out.write(bytes, afterBody, bytes.length - afterBody);
    }

    @Override
    public void flush() throws IOException {
        if (held == null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (held != null) { // no body tag came: pass the page on unchanged
            held.writeTo(out);
            held = null;
        }
        out.flush();
    }
}
