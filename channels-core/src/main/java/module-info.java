/**
 * Go's channels and {@code select} for Java 21+ virtual threads.
 *
 * <p>The API is the package {@link dev.channels}; everything else is internal and not exported.
 */
module dev.channels {
    requires org.jctools.core.jdk11;

    exports dev.channels;
}
