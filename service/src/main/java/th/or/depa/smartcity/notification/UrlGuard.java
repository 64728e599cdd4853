package th.or.depa.smartcity.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps webhooks from reaching inside (SSRF): http or https only, no user:password, and every address the host
 * resolves to public — not loopback, link-local, private, unique-local, CGNAT, multicast, unspecified or broadcast
 * (IPv4 inside IPv6 forms included). Checked at registration and again before each delivery (DNS may have changed),
 * and the delivery's connection resolves the name through {@link #addresses} (GuardedDns), so the address it connects
 * to is one checked, not a second answer of the DNS (rebinding). allowPrivate (WEBHOOK_ALLOW_PRIVATE) lifts only the
 * address check, for tests and closed networks.
 */
public final class UrlGuard {

    /** A host that resolves to an address a webhook may not reach: to the client, a host it cannot find. */
    public static final class NotPublic extends UnknownHostException {
        NotPublic(String host) {
            super(host + ": not a public address");
        }
    }

    /** How a host name becomes addresses (the system's resolver; another in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Hosts written as numbers other than four decimal parts (2130706433, 0x7f000001, 0177.1): refused outright. */
    private static final Pattern ODD_NUMERIC = Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*\\.?$");
    private static final Pattern DOTTED_QUAD = Pattern.compile("^(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}$");

    private final boolean allowPrivate;
    private final Resolver resolver;

    public UrlGuard(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public UrlGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The URL to send to, or a refusal naming url. */
    public URI check(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw refused();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw refused();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()) {
            throw refused();
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
            throw refused();
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw refused();
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (ODD_NUMERIC.matcher(h).matches() && !DOTTED_QUAD.matcher(h).matches()) {
            throw refused();
        }
        if (!allowPrivate) {
            try {
                addresses(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
            } catch (UnknownHostException | SecurityException e) {
                throw refused();
            }
        }
        return uri;
    }

    /**
     * The addresses host resolves to, each one a webhook may reach; one that may not (unless allowPrivate) refuses
     * them all, as an unknown host: nothing is connected to.
     */
    public InetAddress[] addresses(String host) throws UnknownHostException {
        InetAddress[] all = resolver.resolve(host);
        if (!allowPrivate) {
            for (InetAddress a : all) {
                if (!isPublic(a)) {
                    throw new NotPublic(host);
                }
            }
        }
        return all;
    }

    /** Whether an address is one a webhook may reach when private addresses are not allowed. */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isPublic4(b);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0x80) { // fe80::/10 (isLinkLocalAddress covers it too)
                return false;
            }
            boolean zero96 = true;
            for (int i = 0; i < 12; i++) {
                zero96 &= b[i] == 0;
            }
            boolean mapped = true; // ::ffff:a.b.c.d
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            // 64:ff9b::/96 (NAT64) carries an IPv4 address too
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b;
            for (int i = 4; i < 12 && nat64; i++) {
                nat64 = b[i] == 0;
            }
            if (zero96 || mapped || nat64) {
                return isPublic4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            return true;
        }
        return false;
    }

    private static boolean isPublic4(byte[] b) {
        int o1 = b[0] & 0xff;
        int o2 = b[1] & 0xff;
        return !(o1 == 0 || o1 == 10 || o1 == 127 // this network, private, loopback
                || o1 == 100 && o2 >= 64 && o2 <= 127 // 100.64/10 CGNAT
                || o1 == 169 && o2 == 254 // link-local (cloud metadata)
                || o1 == 172 && o2 >= 16 && o2 <= 31
                || o1 == 192 && o2 == 168
                || o1 == 192 && o2 == 0 && (b[2] & 0xff) == 0 // 192.0.0/24 protocol assignments
                || o1 == 198 && (o2 == 18 || o2 == 19) // benchmarking
                || o1 >= 224); // multicast, reserved, broadcast
    }

    private static WebhookRefused refused() {
        return WebhookRefused.field(422, "url", "refused.url");
    }
}
