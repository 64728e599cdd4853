package th.or.depa.smartcity.logs;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayout;
import java.util.TimeZone;

/**
 * The request log's text layout under a name ({@code type: access-${LOG_FORMAT:-text}}: access-text, or Dropwizard's
 * access-json). The service sets the request log's format itself (api/RequestLogFormat).
 */
@JsonTypeName("access-text")
public class AccessTextLayoutFactory implements DiscoverableLayoutFactory<IAccessEvent> {

    @Override
    public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
        return new LogbackAccessRequestLayout(context, timeZone);
    }
}
