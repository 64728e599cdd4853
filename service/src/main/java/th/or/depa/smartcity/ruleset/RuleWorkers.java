package th.or.depa.smartcity.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import th.or.depa.smartcity.engine.CompiledRuleCache;
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
    private final int judgeThreads;
    /** The trusted rule set a spare checks while it waits; null: no spare is kept. */
    private volatile java.util.function.Supplier<RuleFiles> warmUp;
    private Worker spare;
    private final java.util.concurrent.atomic.AtomicBoolean archiving = new java.util.concurrent.atomic.AtomicBoolean();

    public RuleWorkers(ObjectMapper mapper, RunLimits limits, Duration checkTimeout, String heap) {
        this(mapper, limits, checkTimeout, heap, 0);
    }

    /** judgeThreads: threads judging an impact analysis's plans in its worker (rules.workerThreads; 0: processors). */
    public RuleWorkers(ObjectMapper mapper, RunLimits limits, Duration checkTimeout, String heap, int judgeThreads) {
        if (judgeThreads < 0) {
            throw new IllegalArgumentException("rules.workerThreads must be 0 or more");
        }
        this.mapper = mapper;
        this.limits = limits;
        this.checkTimeout = checkTimeout;
        this.heap = heap;
        this.judgeThreads = judgeThreads;
    }

    /** The rules that fired, as the worker lists them. */
    static final class FiredLabels extends java.util.TreeSet<String> {
    }

    /**
     * Keeps one spare worker started ahead, which checks a trusted rule set (the one in force) while it waits, so that
     * a proposal does not wait for a JVM to start, load Drools and warm up. Each spare serves one check only.
     */
    public void keepSpare(java.util.function.Supplier<RuleFiles> trusted) {
        warmUp = trusted;
        replaceSpare();
    }

    /** Ends the spare (the service stops). */
    public void stopSpare() {
        warmUp = null;
        Worker w;
        synchronized (this) {
            w = spare;
            spare = null;
        }
        if (w != null) {
            w.close();
        }
    }

    /** Compiles the files and runs their rule tests in a worker; errors name the file (and test) at fault. */
    public RuleWorkerMain.Checked check(RuleFiles files) {
        Worker w = takeSpare();
        try (Worker used = w != null ? w.job(files, null) : start(files, null, true)) {
            return used.checked();
        } finally {
            if (w != null) {
                replaceSpare(); // after the check, so that the next spare's warm-up never competes with it
            }
        }
    }

    /** Whether a spare is started and waiting. */
    synchronized boolean hasSpare() {
        return spare != null && spare.process.isAlive();
    }

    private synchronized Worker takeSpare() {
        Worker w = spare;
        spare = null;
        return w != null && w.process.isAlive() ? w : null;
    }

    private void replaceSpare() {
        java.util.function.Supplier<RuleFiles> trusted = warmUp;
        if (trusted == null) {
            return;
        }
        Thread starter = new Thread(() -> {
            try {
                RuleFiles files = trusted.get();
                Worker w = launch(true);
                w.send(RuleWorkerMain.WARM + job(files, null));
                w.in.flush();
                Worker old;
                synchronized (this) {
                    old = spare;
                    spare = warmUp == null ? null : w;
                }
                if (old != null) {
                    old.close();
                }
                if (warmUp == null) {
                    w.close();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("no spare rule worker: {}", e.toString());
            }
        }, "rule-worker-spare");
        starter.setDaemon(true);
        starter.start();
    }

    /** A worker that has checked a candidate and now judges plans for impact analysis; close it when done. */
    public Worker judge(RuleFiles files, int version) {
        return start(files, version, false);
    }

    private Worker start(RuleFiles files, Integer version, boolean checkOnly) {
        try {
            return launch(checkOnly).job(files, version);
        } catch (IOException e) {
            throw new IllegalStateException("the rule worker could not be started: " + e.getMessage(), e);
        }
    }

    private String job(RuleFiles files, Integer version) throws JsonProcessingException {
        return mapper.writeValueAsString(new RuleWorkerMain.Job(files.files(), version, limits.maxFirings(),
                limits.timeout().toMillis(), limits.maxAllocatedBytes(), judgeThreads));
    }

    private Worker launch(boolean checkOnly) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xss1m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true"));
        if (checkOnly) {
            // a check is seconds of mostly one-off code: C2's compiles would cost more CPU than they save;
            // impact analysis judges many plans and keeps the optimising compiler
            command.add("-XX:TieredStopAtLevel=1");
        }
        java.nio.file.Path dump = classData(command, checkOnly);
        command.add("-Dsmartcity.rulesCache=" + CompiledRuleCache.folderSetting());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RuleWorkerMain.class.getName()));
        java.io.File log = java.io.File.createTempFile("rule-worker-", ".log");
        Process p = new ProcessBuilder(command).redirectError(log).start();
        p.onExit().thenRun(() -> {
            if (p.exitValue() != 0 && p.exitValue() != 137) {
                LOG.warn("the rule worker {} ended with {}; its log: {}", p.pid(), p.exitValue(), log);
            } else {
                log.delete();
            }
        });
        return new Worker(p, dump);
    }

    /**
     * AppCDS for check workers started from the service's jar: the classes a check loads, parsed and verified once
     * and mapped by every later worker. The first check worker without an archive writes one as it exits.
     */
    private java.nio.file.Path classData(List<String> command, boolean checkOnly) {
        String cp = System.getProperty("java.class.path");
        java.nio.file.Path archive = CompiledRuleCache.classArchive("rule-worker");
        if (!checkOnly || archive == null || cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar")) {
            return null; // a class path of folders (tests) cannot be archived
        }
        if (java.nio.file.Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
            command.add("-Xlog:cds=off,cds+dynamic=off");
            return null;
        }
        if (!archiving.compareAndSet(false, true)) {
            return null;
        }
        try {
            CompiledRuleCache.ensureFolder(archive.getParent());
        } catch (IOException e) {
            archiving.set(false);
            return null;
        }
        java.nio.file.Path dump = archive.resolveSibling(archive.getFileName() + "." + System.nanoTime() + ".tmp");
        command.add("-XX:ArchiveClassesAtExit=" + dump);
        return dump;
    }

    /** The archive a worker wrote as it exited normally, under its own name; else the remains are removed. */
    private void keepArchive(java.nio.file.Path dump, boolean complete) {
        try {
            java.nio.file.Path archive = CompiledRuleCache.classArchive("rule-worker");
            if (complete && archive != null && java.nio.file.Files.size(dump) > 0) {
                java.nio.file.Files.move(dump, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no class-data archive for rule workers: {}", e.toString());
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(dump);
            } catch (IOException ignored) {
                // a stray temporary file only
            }
            archiving.set(false);
        }
    }

    /** One worker process: its answers are read on a thread of their own, so that a silent worker can time out. */
    public final class Worker implements AutoCloseable {
        private final Process process;
        private final java.nio.file.Path dump;
        private final java.io.OutputStream in;
        private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(4096);
        private volatile String step = "starting";
        private RuleWorkerMain.Checked checked;

        private Worker(Process process, java.nio.file.Path dump) {
            this.process = process;
            this.dump = dump;
            this.in = new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16);
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
            in.write(line.getBytes(StandardCharsets.UTF_8));
            in.write('\n');
        }

        /** Gives this worker its job; a started worker that cannot take it is an IllegalStateException. */
        private Worker job(RuleFiles files, Integer version) {
            try {
                send(RuleWorkers.this.job(files, version));
                in.flush();
                return this;
            } catch (IOException e) {
                close();
                throw new IllegalStateException("the rule worker could not be started: " + e.getMessage(), e);
            }
        }

        RuleWorkerMain.Checked checked() {
            if (checked == null) {
                String line = next();
                checked = line == null ? new RuleWorkerMain.Checked(List.of(stuck()), 0, null, java.util.Set.of())
                        : read(line.substring(RuleWorkerMain.CHECKED.length()), RuleWorkerMain.Checked.class);
            }
            return checked;
        }

        /**
         * Sends a batch of plans (id, stored content) to be judged, on the calling thread: the pipe blocks it while
         * the worker is behind, so another thread must {@link #receive} the answers. False when the worker is gone.
         */
        boolean send(List<RuleWorkerMain.PlanLine> plans) {
            try {
                for (RuleWorkerMain.PlanLine p : plans) {
                    p.writeTo(in);
                }
                in.flush();
                return true;
            } catch (IOException workerGone) {
                return false; // the reader sees the end and receive fails
            }
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
            if (dump == null) {
                // nothing to wait for: killed first, so that a thread still writing plans to it is released
                process.destroyForcibly();
            }
            try {
                in.close();
            } catch (IOException alreadyGone) {
                // nothing to close
            }
            boolean complete = false;
            if (dump != null && checked != null && checked.errors().stream().noneMatch(e -> e.line() == 0
                    && e.message().contains("rules.checkTimeout"))) {
                // done and exiting by itself: writing its class-data archive takes seconds, once per build
                try {
                    complete = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            process.destroyForcibly();
            if (dump != null) {
                keepArchive(dump, complete);
            }
        }
    }
}
