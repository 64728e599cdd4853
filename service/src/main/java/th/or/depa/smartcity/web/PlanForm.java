package th.or.depa.smartcity.web;

import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.glassfish.jersey.server.ContainerRequest;
import th.or.depa.smartcity.api.ApiException;
import th.or.depa.smartcity.api.Bodies;

/**
 * A city's plan form as posted: the session's CSRF token, the form's one-time key, the pasted text and the uploaded
 * file. Sent as multipart/form-data by the page (it has a file input), or urlencoded by a client without files.
 * The whole body is capped before anything is parsed (two plans' worth and the small fields), so an oversize upload
 * is refused without being stored; the plan itself then has the API's 1 MiB limit ({@link Bodies}).
 */
record PlanForm(String csrf, String key, String pasted, byte[] upload) {

    /** At most a plan in each of the two fields, plus the boundaries and the small fields. */
    static final long MAX_FORM_BYTES = 2L * Bodies.MAX_BYTES + 64 * 1024;

    /** The form could not be read: too large (413) or not a form (400). */
    static final class Unreadable extends RuntimeException {
        private final int status;

        Unreadable(int status) {
            super(status == 413 ? "the form is too large" : "the form could not be read");
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** Reads the request's form with the cap; the caller's resource method has no entity parameter. */
    static PlanForm read(ContainerRequest request) {
        Integer length = request.getLength();
        if (length != null && length > MAX_FORM_BYTES) {
            throw new Unreadable(413);
        }
        MediaType type = request.getMediaType();
        request.setEntityStream(new Capped(request.getEntityStream()));
        try {
            if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
                FormDataMultiPart form = request.readEntity(FormDataMultiPart.class);
                try {
                    return new PlanForm(text(form, "csrf"), text(form, "key"), text(form, "plan"), bytes(form, "file"));
                } finally {
                    form.cleanup(); // the parts that went to temporary files
                }
            }
            if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
                var fields = request.readEntity(Form.class).asMap();
                return new PlanForm(fields.getFirst("csrf"), fields.getFirst("key"), fields.getFirst("plan"), null);
            }
        } catch (RuntimeException e) {
            throw new Unreadable(tooLarge(e) ? 413 : 400);
        }
        throw new Unreadable(400);
    }

    /** The plan to judge: the uploaded file when one was chosen, else the pasted text; null when neither. */
    byte[] plan() {
        if (upload != null && upload.length > 0) {
            return upload;
        }
        return pasted == null || pasted.isBlank() ? null : pasted.getBytes(StandardCharsets.UTF_8);
    }

    /** What the form shows again after a refusal: the pasted text, else the uploaded file's text. */
    String shownAgain() {
        if (pasted != null && !pasted.isBlank()) {
            return pasted;
        }
        return upload == null ? "" : new String(upload, StandardCharsets.UTF_8);
    }

    private static String text(FormDataMultiPart form, String name) {
        byte[] b = bytes(form, name);
        return b == null ? null : new String(b, StandardCharsets.UTF_8); // browsers send fields as UTF-8
    }

    /** A part's bytes, at most the API's plan limit (413 beyond it); null when the part is absent. */
    private static byte[] bytes(FormDataMultiPart form, String name) {
        FormDataBodyPart part = form.getField(name);
        if (part == null) {
            return null;
        }
        try (InputStream in = part.getEntityAs(InputStream.class)) {
            return Bodies.read(in);
        } catch (IOException e) {
            throw new ApiException(400, "the form could not be read");
        }
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLarge || (t instanceof ApiException a && a.status() == 413)) {
                return true;
            }
        }
        return false;
    }

    /** The body went past the cap while it was read. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("the form is larger than " + MAX_FORM_BYTES + " bytes");
        }
    }

    /** Counts what is read and stops at the cap: a body sent without Content-Length is bounded too. */
    private static final class Capped extends FilterInputStream {
        private long read;

        Capped(InputStream in) {
            super(in == null ? new ByteArrayInputStream(new byte[0]) : in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_FORM_BYTES) {
                throw new TooLarge();
            }
        }
    }
}
