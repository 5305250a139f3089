package org.camrelay.component.vbc10.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Records what one class logs, DEBUG and up, while open. */
final class LogRecorder implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final AbstractAppender appender;
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();

    LogRecorder(Class<?> type) {
        logger = (Logger) LogManager.getLogger(type);
        previousLevel = logger.getLevel();
        appender = new AbstractAppender("record-" + type.getSimpleName(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** Every formatted message with its level, e.g. {@code "WARN Camera 'x': ..."}, and any exception's text. */
    List<String> lines() {
        return events.stream().map(event -> event.getLevel() + " " + event.getMessage().getFormattedMessage()
                + (event.getThrown() == null ? "" : " " + event.getThrown())).toList();
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        logger.setLevel(previousLevel);
        appender.stop();
    }
}
