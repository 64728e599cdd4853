package th.or.depa.smartcity.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RunLimits;

/**
 * Runs rule sets that are not in force (a proposal's compile and rule tests, a candidate's impact analysis,
 * rules-check) in a worker JVM of their own ({@link RuleWorkerMain}): a small heap, no database, and killed at
 * rules.checkTimeout. Whatever the rule code does, the service's process only ever reads the worker's answer.
 */
public final class RuleWorkers {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleWorkers.class);

    /** The worker did not answer in time or died; what it was doing names the file or test. */
    private static final String EOF = "\u0000eof";

    private final ObjectMapper mapper;
    private final RunLimits limits;
    private final Duration checkTimeout;
    private final String heap;

    public RuleWorkers(ObjectMapper mapper, RunLimits limits, Duration checkTimeout, String heap) {
        this.mapper = mapper;
        this.limits = limits;
        this.checkTimeout = checkTimeout;
        this.heap = heap;
    }

    /** The rules that fired, as the worker lists them. */
    static final class FiredLabels extends java.util.TreeSet<String> {
    }

    /** Compiles the files and runs their rule tests in a worker; errors name the file (and test) at fault. */
    public RuleWorkerMain.Checked check(RuleFiles files) {
        try (Worker w = start(files, null)) {
            return w.checked();
        }
    }

    /** A worker that has checked a candidate and now judges plans for impact analysis; close it when done. */
    public Worker judge(RuleFiles files, int version) {
        return start(files, version);
    }

    private Worker start(RuleFiles files, Integer version) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xss1m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), RuleWorkerMain.class.getName());
        try {
            java.io.File log = java.io.File.createTempFile("rule-worker-", ".log");
            Process p = new ProcessBuilder(command).redirectError(log).start();
            p.onExit().thenRun(() -> {
                if (p.exitValue() != 0 && p.exitValue() != 137) {
                    LOG.warn("the rule worker {} ended with {}; its log: {}", p.pid(), p.exitValue(), log);
                } else {
                    log.delete();
                }
            });
            Worker w = new Worker(p);
            w.send(mapper.writeValueAsString(new RuleWorkerMain.Job(files.files(), version, limits.maxFirings(),
                    limits.timeout().toMillis(), limits.maxAllocatedBytes())));
            w.in.flush();
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("the rule worker could not be started: " + e.getMessage(), e);
        }
    }

    /** One worker process: its answers are read on a thread of their own, so that a silent worker can time out. */
    public final class Worker implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(4096);
        private volatile String step = "starting";
        private RuleWorkerMain.Checked checked;

        private Worker(Process process) {
            this.process = process;
            this.in = new java.io.BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
            Thread reader = new Thread(this::read, "rule-worker-reader-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(RuleWorkerMain.STEP)) {
                        step = line.substring(RuleWorkerMain.STEP.length());
                    } else if (line.startsWith(RuleWorkerMain.CHECKED) || line.startsWith(RuleWorkerMain.JUDGED)
                            || line.startsWith(RuleWorkerMain.FIRED)) {
                        lines.put(line);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the worker is gone: the EOF below says so
            } finally {
                lines.offer(EOF);
            }
        }

        private void send(String line) throws IOException {
            in.write(line);
            in.write('\n');
        }

        RuleWorkerMain.Checked checked() {
            if (checked == null) {
                String line = next();
                checked = line == null ? new RuleWorkerMain.Checked(List.of(stuck()), 0, null, java.util.Set.of())
                        : read(line.substring(RuleWorkerMain.CHECKED.length()), RuleWorkerMain.Checked.class);
            }
            return checked;
        }

        /** Sends a batch of plans (id, stored content) to be judged; {@link #receive} reads the answers. */
        void send(List<RuleWorkerMain.PlanLine> plans) {
            Thread writer = new Thread(() -> {
                try {
                    for (RuleWorkerMain.PlanLine p : plans) {
                        send(mapper.writeValueAsString(p));
                    }
                    in.flush();
                } catch (IOException workerGone) {
                    // the reader sees the end and receive fails
                }
            }, "rule-worker-writer-" + process.pid());
            writer.setDaemon(true);
            writer.start();
        }

        /** The answers to the next n plans sent; a worker that does not give one in time is an error. */
        List<RuleWorkerMain.Judged> receive(int n) {
            List<RuleWorkerMain.Judged> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String line = next();
                if (line == null) {
                    throw new RuleSetRefused(List.of(stuck()));
                }
                out.add(read(line.substring(RuleWorkerMain.JUDGED.length()), RuleWorkerMain.Judged.class));
            }
            return out;
        }

        /** After the last batch: the labels of every rule that fired for any plan judged. */
        java.util.Set<String> fired() {
            try {
                in.close(); // no more plans: the worker answers with what fired
            } catch (IOException gone) {
                throw new RuleSetRefused(List.of(stuck()));
            }
            String line = next();
            if (line == null || !line.startsWith(RuleWorkerMain.FIRED)) {
                throw new RuleSetRefused(List.of(stuck()));
            }
            return read(line.substring(RuleWorkerMain.FIRED.length()), FiredLabels.class);
        }

        /** The next answer, or null when the worker died or stayed silent for rules.checkTimeout. */
        private String next() {
            try {
                String line = lines.poll(checkTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (line == null || line.equals(EOF)) {
                    return null;
                }
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                return null;
            }
        }

        private RuleError stuck() {
            String at = step;
            int colon = at.indexOf(": ");
            String file = colon > 0 && !at.startsWith("compiling") ? at.substring(0, colon) : "";
            boolean silent = !exited();
            process.destroyForcibly();
            String why = silent ? "did not finish within " + checkTimeout.toSeconds() + " s (rules.checkTimeout)"
                    : "stopped the rule worker (exit " + exitCode() + "): it ran out of its " + heap
                            + " heap (rules.workerHeap) or crashed";
            return new RuleError(file, 0, at + " " + why);
        }

        private boolean exited() {
            try {
                return process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private int exitCode() {
            try {
                return process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        private <T> T read(String json, Class<T> type) {
            try {
                return mapper.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the rule worker answered unreadably: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException alreadyGone) {
                // nothing to close
            }
            process.destroyForcibly();
        }
    }
}
