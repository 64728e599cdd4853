package th.or.depa.smartcity.report;

import java.util.Map;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;

/** Thai and English names of the codes a report shows; an unknown code stands for itself in both languages. */
public final class Labels {

    private Labels() {
    }

    private static final Map<String, Bilingual> STATES = Map.of(
            "NOT_ELIGIBLE", b("ไม่ผ่านคุณสมบัติ", "Not eligible"),
            "SCREENING", b("ตรวจสอบเบื้องต้น", "Screening"),
            "REVISION_REQUESTED", b("ขอให้แก้ไขแผน", "Revision requested"),
            "SUBCOMMITTEE_REVIEW", b("คณะอนุกรรมการพิจารณา", "Subcommittee review"),
            "COMMITTEE_REVIEW", b("คณะกรรมการพิจารณา", "Committee review"),
            "CERTIFIED", b("ได้รับการรับรอง", "Certified"),
            "REJECTED", b("ไม่ได้รับความเห็นชอบ", "Rejected"),
            "WITHDRAWN", b("ถอนคำขอ", "Withdrawn"),
            "REVOKED", b("เพิกถอนการรับรอง", "Revoked"));

    private static final Map<String, Bilingual> OUTCOMES = Map.of(
            "PASS", b("ผ่าน", "Pass"),
            "FAIL", b("ไม่ผ่าน", "Fail"),
            "NONE", b("ยังไม่ประเมิน", "Not evaluated"));

    private static final Map<String, Bilingual> STATUSES = Map.of(
            "MET", b("ผ่านเกณฑ์", "Met"),
            "NOT_MET", b("ไม่ผ่านเกณฑ์", "Not met"),
            "WARNING", b("ข้อสังเกต", "Warning"));

    private static final Map<String, Bilingual> KINDS = Map.of(
            "LIVABLE", b("เมืองน่าอยู่อัจฉริยะ", "Livable smart city"),
            "NEW", b("เมืองใหม่อัจฉริยะ", "New smart city"));

    private static final Map<String, Bilingual> DOMAINS = Map.of(
            "ENVIRONMENT", b("สิ่งแวดล้อมอัจฉริยะ", "Smart environment"),
            "ECONOMY", b("เศรษฐกิจอัจฉริยะ", "Smart economy"),
            "MOBILITY", b("การเดินทางและขนส่งอัจฉริยะ", "Smart mobility"),
            "ENERGY", b("พลังงานอัจฉริยะ", "Smart energy"),
            "PEOPLE", b("พลเมืองอัจฉริยะ", "Smart people"),
            "LIVING", b("การดำรงชีวิตอัจฉริยะ", "Smart living"),
            "GOVERNANCE", b("การบริหารภาครัฐอัจฉริยะ", "Smart governance"));

    private static final Map<String, Bilingual> BODIES = Map.of(
            "SUBCOMMITTEE", b("คณะอนุกรรมการ", "Subcommittee"),
            "COMMITTEE", b("คณะกรรมการ", "Committee"));

    private static final Map<String, Bilingual> VOTES = Map.of(
            "APPROVE", b("เห็นชอบ", "Approve"),
            "REJECT", b("ไม่เห็นชอบ", "Reject"),
            "ABSTAIN", b("งดออกเสียง", "Abstain"),
            "RECUSED", b("ไม่ร่วมพิจารณา", "Recused"),
            "APPROVED", b("เห็นชอบ", "Approved"),
            "REJECTED", b("ไม่เห็นชอบ", "Rejected"));

    private static final Map<String, Bilingual> EVENTS = Map.ofEntries(
            Map.entry("SUBMITTED", b("ยื่นแผน", "Submitted")),
            Map.entry("REVISED", b("แก้ไขแผน", "Revised")),
            Map.entry("EVALUATED", b("ประเมินตามเกณฑ์", "Evaluated")),
            Map.entry("ACTION", b("ดำเนินการ", "Action")),
            Map.entry("VOTE", b("ลงมติ", "Vote")),
            Map.entry("RECUSAL", b("ไม่ร่วมพิจารณา", "Recusal")),
            Map.entry("TALLY", b("นับคะแนน", "Tally")),
            Map.entry("CERTIFIED", b("ออกใบรับรอง", "Certified")),
            Map.entry("RECORD_KEYED", b("บันทึกลงนามด้วยกุญแจ", "Record signed with the key")),
            Map.entry("FORWARD", b("ส่งต่อเพื่อพิจารณา", "Forward")),
            Map.entry("REQUEST_REVISION", b("ขอให้แก้ไขแผน", "Request revision")),
            Map.entry("CLOSE_VOTE", b("ปิดการลงมติ", "Close vote")),
            Map.entry("WITHDRAW", b("ถอนคำขอ", "Withdraw")),
            Map.entry("REVOKE", b("เพิกถอนการรับรอง", "Revoke")));

    public static Bilingual state(String code) {
        return of(STATES, code);
    }

    public static Bilingual outcome(String code) {
        return of(OUTCOMES, code == null ? "NONE" : code);
    }

    public static Bilingual status(String code) {
        return of(STATUSES, code);
    }

    public static Bilingual kind(String code) {
        return of(KINDS, code);
    }

    public static Bilingual domain(String code) {
        return of(DOMAINS, code);
    }

    public static Bilingual body(String code) {
        return of(BODIES, code);
    }

    public static Bilingual vote(String code) {
        return of(VOTES, code);
    }

    public static Bilingual event(String code) {
        return of(EVENTS, code);
    }

    private static Bilingual of(Map<String, Bilingual> names, String code) {
        if (code == null) {
            return b("-", "-");
        }
        Bilingual name = names.get(code);
        return name == null ? b(code, code) : name;
    }

    private static Bilingual b(String th, String en) {
        return new Bilingual(en, th);
    }
}
