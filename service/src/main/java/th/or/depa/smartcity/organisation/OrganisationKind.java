package th.or.depa.smartcity.organisation;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Who applies to depa for smart-city certification: local governments of every tier, a province as a whole, the two
 * special administrations (Bangkok, Pattaya) and private developers. Their labels are in messages.properties.
 */
public enum OrganisationKind {
    /** เทศบาล: a city, town or sub-district municipality. */
    MUNICIPALITY,
    /** องค์การบริหารส่วนตำบล (อบต.). */
    SUBDISTRICT_ADMINISTRATION,
    /** องค์การบริหารส่วนจังหวัด (อบจ.). */
    PROVINCIAL_ADMINISTRATION,
    /** จังหวัด: the province itself (the governor's office). */
    PROVINCE,
    /** กรุงเทพมหานคร or เมืองพัทยา. */
    SPECIAL_ADMINISTRATION,
    /** A private developer of a new city or district. */
    PRIVATE;

    public static boolean known(String name) {
        return Arrays.stream(values()).anyMatch(k -> k.name().equals(name));
    }

    /** "MUNICIPALITY, …, PRIVATE", as refusals list them. */
    public static String listed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
