package th.or.depa.smartcity.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand on a socket, for what no client library will send: an illegal URI, a 20 KB header, a
 * forged Host, a chosen source address on the loopback (127.0.0.2). Loopback only: it refuses any other address.
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came back: the status, the headers (names in lower case), the body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as JSON, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return null;
            }
        }
    }

    private RawHttp() {
    }

    /** Sends the request text as is (it must end with an empty line and say Connection: close) from any local address. */
    public static Answer send(String host, int port, String request) throws IOException {
        return send(host, port, null, request);
    }

    /** Sends from the given local address, e.g. 127.0.0.2, so that the server sees another client. */
    public static Answer send(String host, int port, String from, String request) throws IOException {
        InetAddress to = InetAddress.getByName(host);
        if (!to.isLoopbackAddress() || (from != null && !InetAddress.getByName(from).isLoopbackAddress())) {
            throw new IllegalArgumentException("tests talk to the loopback only: " + host + " / " + from);
        }
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            }
            socket.connect(new InetSocketAddress(to, port), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /** A GET with the given extra header lines (each "Name: value"). */
    public static String get(String target, String host, String... headers) {
        StringBuilder s = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        return s.append("Connection: close\r\n\r\n").toString();
    }

    private static Answer parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte until the body is whole
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IOException("not an HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
