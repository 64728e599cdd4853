package th.or.depa.smartcity.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends openhtmltopdf's log to SLF4J (it writes to the console itself otherwise), a level lower than it says:
 * its timings and CSS remarks are debug, its warnings info, its errors warnings.
 */
final class PdfLog implements XRLogger {

    @Override
    public void log(String where, Level level, String msg) {
        log(where, level, msg, null);
    }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        Logger log = LoggerFactory.getLogger("openhtmltopdf." + where);
        if (level.intValue() >= Level.SEVERE.intValue()) {
            log.warn(msg, th);
        } else if (level.intValue() >= Level.WARNING.intValue()) {
            log.info(msg, th);
        } else {
            log.debug(msg, th);
        }
    }

    @Override
    public void setLevel(String logger, Level level) {
        // levels are set in the service's logging configuration
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        Logger log = LoggerFactory.getLogger("openhtmltopdf." + diagnostic.getLogMessageId().getWhere());
        int level = diagnostic.getLevel().intValue();
        return level >= Level.SEVERE.intValue() ? log.isWarnEnabled()
                : level >= Level.WARNING.intValue() ? log.isInfoEnabled() : log.isDebugEnabled();
    }
}
