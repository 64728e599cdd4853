package th.or.depa.smartcity.notification;

/** A webhook request refused: the status, the field at fault and the reason in English and Thai. */
public final class WebhookRefused extends RuntimeException {

    private final int status;
    private final String field;
    private final String th;

    private WebhookRefused(int status, String field, String en, String th) {
        super(en);
        this.status = status;
        this.field = field;
        this.th = th;
    }

    static WebhookRefused field(int status, String field, String key) {
        return new WebhookRefused(status, field, NotificationTexts.text(key, "en"), NotificationTexts.text(key, "th"));
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String en() {
        return getMessage();
    }

    public String th() {
        return th;
    }
}
