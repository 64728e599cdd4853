package th.or.depa.smartcity.openapi;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies what the service reads of a request body and writes of an answer, as it goes (a slow client stays slow),
 * and hands the exchange to {@link ApiConformance} once answered. Only for the paths the document describes.
 */
public final class ConformanceFilter implements Filter {

    /** Bodies past this are not kept (a 1 MiB plan still is); their exchange is checked without its body. */
    static final int MAX_COPY = 4 * 1024 * 1024;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !ApiConformance.described(request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        ApiConformance.started();
        CopiedRequest in = new CopiedRequest(request);
        CopiedResponse out = new CopiedResponse(response);
        try {
            chain.doFilter(in, out);
            out.flushWriter();
        } finally {
            ApiConformance.finished(exchange(request, in, response, out));
        }
    }

    private static Exchange exchange(HttpServletRequest r, CopiedRequest in, HttpServletResponse a, CopiedResponse out) {
        Map<String, List<String>> query = new TreeMap<>();
        if (r.getQueryString() != null) {
            for (String pair : r.getQueryString().split("&")) {
                String[] kv = pair.split("=", 2);
                query.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        Map<String, List<String>> requestHeaders = new TreeMap<>();
        for (String name : Collections.list(r.getHeaderNames())) {
            requestHeaders.put(name.toLowerCase(Locale.ROOT), Collections.list(r.getHeaders(name)));
        }
        Map<String, List<String>> responseHeaders = new TreeMap<>();
        for (String name : a.getHeaderNames()) {
            responseHeaders.put(name.toLowerCase(Locale.ROOT), List.copyOf(a.getHeaders(name)));
        }
        if (a.getContentType() != null) {
            responseHeaders.put("content-type", List.of(a.getContentType()));
        }
        // nothing written through the filter on an error: Jetty's error handler wrote it, unseen here
        byte[] answer = out.overflow || (out.copy.size() == 0 && a.getStatus() >= 400) ? null : out.copy.toByteArray();
        return new Exchange(r.getMethod(), r.getRequestURI(), query, requestHeaders,
                in.overflow ? null : in.copy.toByteArray(), a.getStatus(), responseHeaders, answer);
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Keeps a copy of the bytes the application reads. */
    private static final class CopiedRequest extends HttpServletRequestWrapper {
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        boolean overflow;
        private ServletInputStream stream;

        CopiedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream real = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int c = real.read();
                        if (c >= 0) {
                            keep(new byte[] {(byte) c}, 0, 1);
                        }
                        return c;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = real.read(b, off, len);
                        if (n > 0) {
                            keep(b, off, n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return real.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        real.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        private void keep(byte[] b, int off, int len) {
            if (copy.size() + len > MAX_COPY) {
                overflow = true;
            } else if (!overflow) {
                copy.write(b, off, len);
            }
        }
    }

    /** Keeps a copy of the bytes the application writes. */
    private static final class CopiedResponse extends HttpServletResponseWrapper {
        final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        boolean overflow;
        private ServletOutputStream stream;
        private PrintWriter writer;

        CopiedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream real = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int c) throws IOException {
                        real.write(c);
                        keep(new byte[] {(byte) c}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        real.write(b, off, len);
                        keep(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        real.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
            }
            return writer;
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }

        private void keep(byte[] b, int off, int len) {
            if (copy.size() + len > MAX_COPY) {
                overflow = true;
            } else if (!overflow) {
                copy.write(b, off, len);
            }
        }
    }
}
