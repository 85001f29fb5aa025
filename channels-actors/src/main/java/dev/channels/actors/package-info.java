/**
 * Actors for virtual threads, each on a single-reader mailbox (internal: a JCTools multi-producer single-consumer
 * queue whose reader task starts on demand; bounded mailboxes choose an {@link dev.channels.actors.Overflow} policy).
 *
 * <p>Go's actor pattern: requests go onto a channel, one goroutine reads them and handles them one at a time, so
 * the state it owns is never shared. Here it comes in two forms with one core:
 * <ul>
 *   <li>a <b>state actor</b> ({@link dev.channels.actors.ActorRef}): send it functions of its state, Go's
 *       "channel of operations";</li>
 *   <li>a <b>message actor</b> ({@link dev.channels.actors.MessageRef}): a {@link dev.channels.actors.Handler}
 *       of typed messages, best written as a {@code sealed interface} and a pattern-matching {@code switch}.</li>
 * </ul>
 * Both are spawned by, and owned by, an {@link dev.channels.actors.ActorSystem}. An idle actor holds no thread.
 */
package dev.channels.actors;
