package th.or.depa.smartcity.engine;


/** What the engine tells a reviewer, from engine/messages.properties (UTF-8): wording is edited as text, not Java. */
public final class EngineMessages {

    private static final MessageFile TEXTS = MessageFile.load("engine/messages.properties");

    private EngineMessages() {
    }

    /** The message with {0}, {1}… filled in; a missing key is a programming error. */
    public static String text(String key, Object... args) {
        return TEXTS.text(key, args);
    }
}
