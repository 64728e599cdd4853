package th.or.depa.smartcity.web;

import th.or.depa.smartcity.engine.MessageFile;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;

/** The web view's words, from web/messages.properties (UTF-8), so that wording is edited as text, not in Java. */
final class WebMessages {

    private static final MessageFile TEXTS = MessageFile.load("web/messages.properties");

    private WebMessages() {
    }

    /** The message in both languages, with {0}, {1}… filled in; a key without both languages is an error. */
    static Bilingual of(String key, Object... args) {
        return new Bilingual(TEXTS.text(key + ".en", args), TEXTS.text(key + ".th", args));
    }
}
