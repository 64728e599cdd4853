package th.or.depa.smartcity.auth;

import java.io.Serial;
import th.or.depa.smartcity.engine.MessageFile;

/** A CITY user asked for an organisation that is not registered: the user is not created (API 422 naming org). */
public class UnknownOrganisation extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final MessageFile TEXTS = MessageFile.load("organisation/messages.properties");

    private final String organisation;

    public UnknownOrganisation(String organisation) {
        super(TEXTS.text("unknown.en", organisation));
        this.organisation = organisation;
    }

    public String organisation() {
        return organisation;
    }

    public String en() {
        return getMessage();
    }

    public String th() {
        return TEXTS.text("unknown.th", organisation);
    }
}
