package th.or.depa.smartcity.engine;

/** A reason a rule set was refused: the file (relative to the rules folder), the line (0 when unknown) and why. */
public record RuleError(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
