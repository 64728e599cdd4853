package th.or.depa.smartcity.organisation;

import th.or.depa.smartcity.engine.MessageFile;

/** The words of organisation refusals and kind labels, in English and Thai, from organisation/messages.properties. */
public final class OrganisationMessages {

    private static final MessageFile TEXTS = MessageFile.load("organisation/messages.properties");

    private OrganisationMessages() {
    }

    /** The text of key in language ("en", "th"), its {0}, {1} filled with args. */
    public static String text(String key, String language, Object... args) {
        return TEXTS.text(key + "." + language, args);
    }

    static OrganisationRefused.Problem problem(String field, String key, Object... args) {
        return new OrganisationRefused.Problem(field, text(key, "en", args), text(key, "th", args));
    }
}
