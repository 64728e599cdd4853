package th.or.depa.smartcity.logs;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.util.TimeZone;

/**
 * Dropwizard's usual one-line text layout under a name, so that config.yml can pick the layout from LOG_FORMAT
 * ({@code type: ${LOG_FORMAT:-text}}: text, or Dropwizard's json).
 */
@JsonTypeName("text")
public class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        return new DropwizardLayout(context, timeZone);
    }
}
