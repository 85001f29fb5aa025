/**
 * Go's channels and {@code select} for Java 21+ virtual threads.
 *
 * <p>The API is the package {@link dev.channels}; everything else is internal (exported only to
 * {@code dev.channels.actors}, for one helper).
 */
module dev.channels {
    exports dev.channels;
    // Only for joining the actors' threads on close; not part of any API.
    exports dev.channels.internal to dev.channels.actors;
}
