package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.MessageFile;

/** The words of rule-set refusals, in English and Thai, from ruleset/messages.properties (never Java strings). */
final class RuleSetMessages {

    private static final MessageFile TEXTS = MessageFile.load("ruleset/messages.properties");

    private RuleSetMessages() {
    }

    /** The text of key in language ("en", "th"), its {0}, {1} filled with args. */
    static String text(String key, String language, Object... args) {
        return TEXTS.text(key + "." + language, args);
    }
}
