package th.or.depa.smartcity.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Thailand's 77 provinces (provinces.csv) and the rule by which a plan's city.province names one. */
public final class Provinces {
    private static final String RESOURCE = "/provinces.csv";
    private static final String HEADER = "code,name,nameTh";
    /** Spaces (any Unicode space) and hyphens do not count when matching an English name. */
    private static final Pattern IGNORED = Pattern.compile("[\\s\\p{Z}-]+");

    private final List<Province> all;
    private final Map<String, Province> byEnglishKey = new HashMap<>();
    private final Map<String, Province> byThaiName = new HashMap<>();

    public Provinces(List<Province> provinces) {
        this.all = List.copyOf(provinces);
        for (Province p : all) {
            if (byEnglishKey.put(englishKey(p.name()), p) != null || byThaiName.put(p.nameTh(), p) != null) {
                throw new IllegalArgumentException("province listed twice: " + p.name());
            }
        }
    }

    /** The list shipped on the classpath (/provinces.csv, UTF-8, header code,name,nameTh). */
    public static Provinces load() {
        try (InputStream in = Provinces.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new Provinces(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** The English name of the province given by English name (ignoring case, spaces, hyphens) or exact Thai name. */
    public Optional<String> englishName(String given) {
        return find(given).map(Province::name);
    }

    public Optional<Province> find(String given) {
        if (given == null) {
            return Optional.empty();
        }
        Province thai = byThaiName.get(given.strip());
        return Optional.ofNullable(thai != null ? thai : byEnglishKey.get(englishKey(given)));
    }

    /** English names in the order of the list. */
    public List<String> names() {
        return all.stream().map(Province::name).toList();
    }

    public List<Province> all() {
        return all;
    }

    private static String englishKey(String name) {
        return IGNORED.matcher(name).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static List<Province> parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (header == null || !header.replace("\uFEFF", "").strip().equals(HEADER)) {
            throw new IllegalStateException(RESOURCE + " must start with the header " + HEADER);
        }
        List<Province> provinces = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 3) {
                throw new IllegalStateException(RESOURCE + ": expected code,name,nameTh but got: " + line);
            }
            provinces.add(new Province(cells[0].strip(), cells[1].strip(), cells[2].strip()));
        }
        return provinces;
    }
}
