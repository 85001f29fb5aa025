package dev.channels.hazelcast;

import java.io.Serial;
import java.util.Objects;

/**
 * A close cause that was thrown in another JVM: a copy naming the original class, with its message, stack trace
 * and cause chain (each cause again a {@code RemoteCause}).
 *
 * <p>When a distributed channel is closed with {@code close(cause)}, receivers in the closing JVM see the very same
 * {@code cause} object; receivers in other JVMs see this copy, because exceptions are not reliably serializable
 * (their classes may be missing there, their fields may not serialize). So {@code catch (IOException e)} does not
 * match a remote {@code IOException}: test {@link #className()} instead.
 *
 * <pre>{@code
 * try { ch.receive(); }
 * catch (ChannelClosedException e) {
 *     if (e.getCause() instanceof RemoteCause r && r.className().equals("java.io.IOException")) { ... }
 * }
 * }</pre>
 */
public final class RemoteCause extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The original exception's fully qualified class name. */
    private final String className;
    /** The original exception's message, or null. */
    private final String originalMessage;

    /**
     * Creates a copy of a remote exception. The stack trace is set afterwards with
     * {@link #setStackTrace(StackTraceElement[])}.
     *
     * @param className       the original exception's class name, not null
     * @param originalMessage the original message, or null if it had none
     * @param cause           the copy of the original's cause, or null
     * @throws NullPointerException if {@code className} is null
     */
    public RemoteCause(String className, String originalMessage, RemoteCause cause) {
        super(Objects.requireNonNull(className, "className")
                + (originalMessage == null ? "" : ": " + originalMessage), cause, false, true);
        this.className = className;
        this.originalMessage = originalMessage;
    }

    /**
     * The fully qualified class name of the exception that was thrown in the other JVM.
     *
     * @return the original class name, for example {@code "java.io.IOException"}
     */
    public String className() {
        return className;
    }

    /**
     * The original exception's message ({@link #getMessage()} is {@code className + ": " + message}).
     *
     * @return the original message, or null if it had none
     */
    public String originalMessage() {
        return originalMessage;
    }
}
