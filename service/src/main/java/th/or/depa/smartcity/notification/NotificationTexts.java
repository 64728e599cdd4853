package th.or.depa.smartcity.notification;

import th.or.depa.smartcity.engine.MessageFile;

/** The words of notifications and webhook refusals, English and Thai, from notification/messages.properties. */
final class NotificationTexts {

    private static final MessageFile TEXTS = MessageFile.load("notification/messages.properties");

    private NotificationTexts() {
    }

    static String text(String key, String language, Object... args) {
        return TEXTS.text(key + "." + language, args);
    }

    static boolean has(String key) {
        try {
            TEXTS.text(key + ".en");
            TEXTS.text(key + ".th");
            return true;
        } catch (RuntimeException missing) {
            return false;
        }
    }

    /** A kind's title, its own words or the default's. */
    static String title(String kind, String language, Object... args) {
        return text(has("kind." + kind) ? "kind." + kind : "kind.default", language, args);
    }
}
