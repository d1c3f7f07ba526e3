package com.chengshi.hotline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What is logged, by the hotline and the libraries it runs on, while this is open: for tests and fault runs that
 * count log lines.
 */
public final class LogLines implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogLines() {
        appender.start();
        logger.addAppender(appender);
    }

    public static LogLines capture() {
        return new LogLines();
    }

    /** Every line so far; the appender adds them under its own lock. */
    public List<ILoggingEvent> all() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** The lines at WARN or above so far. */
    public List<ILoggingEvent> warnings() {
        return all().stream().filter(line -> line.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    /** The warnings' text, as it appears in the log. */
    public List<String> warningMessages() {
        return warnings().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    public void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
