package th.or.depa.smartcity.history;

/** The verdict on one record: fine, or the first event (if any) where it fails and why. */
public record RecordCheck(Integer seq, String type, String problem) {

    public static final RecordCheck OK = new RecordCheck(null, null, null);

    public boolean ok() {
        return problem == null;
    }

    static RecordCheck at(int seq, String type, String problem) {
        return new RecordCheck(seq, type, problem);
    }

    static RecordCheck whole(String problem) {
        return new RecordCheck(null, null, problem);
    }

    /** "plan 42: event 3 (ACTION): …", as verify-record prints it. */
    public String describe(String record) {
        return record + ": " + (seq == null ? "" : "event " + seq + " (" + type + "): ") + problem;
    }
}
