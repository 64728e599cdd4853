package th.or.depa.smartcity.facts;

/** One entry of the plan's domains list: the smart domain and how many services it lists. */
public record Domain(String name, int services) {
}
