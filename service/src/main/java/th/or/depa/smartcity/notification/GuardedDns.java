package th.or.depa.smartcity.notification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The webhook client's name resolution: every address a delivery connects to passes the URL guard in the same
 * lookup that produced it. A check before sending and a second lookup by the client would leave a window in which
 * a name first resolving to a public address resolves to 127.0.0.1 or 169.254.169.254 (DNS rebinding).
 */
final class GuardedDns implements DnsResolver {

    private final UrlGuard guard;

    GuardedDns(UrlGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return guard.addresses(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // not used to connect; no second lookup
    }
}
