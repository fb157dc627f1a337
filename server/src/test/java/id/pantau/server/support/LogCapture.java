package id.pantau.server.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * What one class of a server running in this JVM logs, for a test to wait for a line instead of
 * sleeping until the server has probably done something.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger logger;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
  }

  public static LogCapture of(Class<?> source) {
    LogCapture capture = new LogCapture((Logger) LoggerFactory.getLogger(source));
    capture.start();
    capture.logger.addAppender(capture);
    return capture;
  }

  public boolean contains(String text) {
    return lines.stream().anyMatch(l -> l.contains(text));
  }

  @Override
  protected void append(ILoggingEvent event) {
    lines.add(event.getFormattedMessage());
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
