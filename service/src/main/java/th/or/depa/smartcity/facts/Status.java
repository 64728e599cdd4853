package th.or.depa.smartcity.facts;

/** A criterion's result: mandatory criteria are MET or NOT_MET, advisory ones MET or WARNING. */
public enum Status {
    MET, NOT_MET, WARNING
}
