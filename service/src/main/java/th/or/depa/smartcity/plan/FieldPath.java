package th.or.depa.smartcity.plan;

/** Builds the field paths errors are reported under: dots between names, [i] for list items, "" for the body. */
final class FieldPath {
    private FieldPath() {}

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String item(String list, int index) {
        return list + "[" + index + "]";
    }

    /** The list a list item belongs to ("domains[2]" gives "domains"); other paths are returned as they are. */
    static String listOf(String itemPath) {
        return itemPath.endsWith("]") ? itemPath.substring(0, itemPath.lastIndexOf('[')) : itemPath;
    }
}
