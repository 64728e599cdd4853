package th.or.depa.smartcity.plan;

/** One of Thailand's 77 provinces as listed in provinces.csv. */
public record Province(String code, String name, String nameTh) {}
