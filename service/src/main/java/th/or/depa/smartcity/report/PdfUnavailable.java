package th.or.depa.smartcity.report;

/** The PDF renderer is busy, too slow or failed: the caller may try again later (503), it is not the caller's fault. */
public final class PdfUnavailable extends RuntimeException {

    public PdfUnavailable(String message) {
        super(message);
    }

    public PdfUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
