package th.or.depa.smartcity.notification;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** notification/routes.properties: which event notifies whom, as which kind; the bodies of states; expiry notices. */
public final class Routes {

    /** A kind and its recipients; onlyOnChange: the default route, for events that change the plan's state. */
    public record Route(String kind, List<String> recipients, boolean onlyOnChange) {
    }

    private final Properties p;

    private Routes(Properties p) {
        this.p = p;
    }

    public static Routes load() {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(Routes.class.getResourceAsStream("/notification/routes.properties"),
                StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Routes(p);
    }

    /** The route of an event (an ACTION by its action first), empty when it notifies nobody. */
    public Optional<Route> of(String type, String action) {
        String line = action == null ? null : p.getProperty("event." + type + "." + action);
        if (line == null) {
            line = p.getProperty("event." + type);
        }
        boolean listed = line != null;
        if (!listed) {
            line = p.getProperty("default");
        }
        List<String> words = Arrays.stream(line.trim().split("\\s+")).toList();
        if (words.get(0).equals("-")) {
            return Optional.empty();
        }
        return Optional.of(new Route(words.get(0), words.subList(1, words.size()), !listed));
    }

    /** The body that must act in a state: the state's own entry, else that of a state it ends in (_COMMITTEE_REVIEW). */
    public Optional<String> bodyOf(String state) {
        if (state == null) {
            return Optional.empty();
        }
        String exact = p.getProperty("body." + state);
        if (exact != null) {
            return Optional.of(exact.trim());
        }
        return p.stringPropertyNames().stream().filter(k -> k.startsWith("body."))
                .filter(k -> state.endsWith("_" + k.substring(5)))
                .max(java.util.Comparator.comparingInt(String::length)).map(k -> p.getProperty(k).trim());
    }

    public List<Integer> expiringDays() {
        return words("expiring.days").stream().map(Integer::valueOf).sorted().toList();
    }

    public List<String> expiringRecipients() {
        return words("expiring.recipients");
    }

    public List<String> expiringStates() {
        return words("expiring.states");
    }

    /** Every kind a route names, for the test that each has its words. */
    public List<String> kinds() {
        return p.stringPropertyNames().stream().filter(k -> k.startsWith("event.") || k.equals("default"))
                .map(k -> p.getProperty(k).trim().split("\\s+")[0]).filter(k -> !k.equals("-")).distinct().toList();
    }

    private List<String> words(String key) {
        return Arrays.stream(p.getProperty(key, "").trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
