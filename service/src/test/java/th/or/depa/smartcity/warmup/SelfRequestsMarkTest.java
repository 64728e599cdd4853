package th.or.depa.smartcity.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.core.spi.FilterReply;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.api.RequestLogFormat;

/**
 * The warm-up's own requests are left out of the request log by a mark only this process knows: a client that sends
 * the header with any value it can make up is logged as every other request.
 */
class SelfRequestsMarkTest {

    @Test
    void onlyThisProcesssMarkIsRecognisedAndAnotherInstancesMarkIsNot() {
        SelfRequests mine = new SelfRequests();
        SelfRequests another = new SelfRequests();
        assertFalse(mine.marks(null));
        assertFalse(mine.marks(""));
        assertFalse(mine.marks("true"));
        assertFalse(mine.marks("0".repeat(32)));
        assertFalse(anyMarkOf(another, mine), "two processes never share a mark");
    }

    @Test
    void theRequestLogDropsTheWarmupsMarkedRequestsAndKeepsEveryOther() {
        SelfRequests self = new SelfRequests();
        String mark = self.mark();
        DefaultServerFactory server = new DefaultServerFactory();
        LogbackAccessRequestLogFactory log = new LogbackAccessRequestLogFactory();
        ConsoleAppenderFactory<IAccessEvent> console = new ConsoleAppenderFactory<>();
        log.setAppenders(List.of(console));
        server.setRequestLogFactory(log);
        RequestLogFormat.enforce(server, SelfRequests.HEADER, self::marks);

        List<?> filters = ((AbstractAppenderFactory<IAccessEvent>) log.getAppenders().get(0)).getFilterFactories();
        assertEquals(1, filters.size());
        @SuppressWarnings("unchecked")
        ch.qos.logback.core.filter.Filter<IAccessEvent> filter =
                ((io.dropwizard.logging.common.filter.FilterFactory<IAccessEvent>) filters.get(0)).build();
        assertEquals(FilterReply.DENY, filter.decide(event(Map.of(SelfRequests.HEADER, mark))));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(Map.of(SelfRequests.HEADER, "1"))));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(Map.of(SelfRequests.HEADER, mark + "0"))));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(Map.of())));
        assertTrue(self.marks(mark));
    }

    private static boolean anyMarkOf(SelfRequests from, SelfRequests to) {
        return to.marks(from.mark());
    }

    private static IAccessEvent event(Map<String, String> headers) {
        return (IAccessEvent) Proxy.newProxyInstance(IAccessEvent.class.getClassLoader(),
                new Class<?>[] {IAccessEvent.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestHeader" -> headers.getOrDefault((String) args[0], "-");
                    default -> null;
                });
    }
}
