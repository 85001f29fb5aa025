/**
 * Actors for virtual threads, built on the single-reader {@link dev.channels.Mailbox}.
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
