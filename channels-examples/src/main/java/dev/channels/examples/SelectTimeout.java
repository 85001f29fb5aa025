package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Select;

import java.time.Duration;
import java.util.List;

/**
 * Timeouts, from Go by Example: bound a wait with {@code select} and {@code time.After}.
 *
 * <pre>{@code
 * c1 := make(chan string, 1)
 * go func() { time.Sleep(2 * time.Second); c1 <- "result 1" }()
 * select {
 * case res := <-c1:                  fmt.Println(res)
 * case <-time.After(1 * time.Second): fmt.Println("timeout 1")
 * }
 *
 * c2 := make(chan string, 1)
 * go func() { time.Sleep(2 * time.Second); c2 <- "result 2" }()
 * select {
 * case res := <-c2:                  fmt.Println(res)
 * case <-time.After(3 * time.Second): fmt.Println("timeout 2")
 * }
 * }</pre>
 *
 * <p>The first select is the literal translation ({@link Channels#after} as a case); the second uses
 * {@link Select#onTimeout}, which needs no timer thread. The result channels buffer one value, as in Go, so a
 * worker that is too late does not block forever.
 *
 * <p>Run: {@code ./examples.sh SelectTimeout} (prints "timeout 1" after 1 s, then "result 2" after 2 s more)
 */
public final class SelectTimeout {

    private SelectTimeout() {
    }

    /**
     * The Go program: two-second workers, a one-second and a three-second timeout.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Latency twoSeconds = Latency.of(Duration.ofSeconds(2));
        run(twoSeconds, Duration.ofSeconds(1), twoSeconds, Duration.ofSeconds(3)).forEach(System.out::println);
    }

    /**
     * Runs both selects.
     *
     * @param work1    how long the first worker takes
     * @param timeout1 the first select's timeout
     * @param work2    how long the second worker takes
     * @param timeout2 the second select's timeout
     * @return what each select printed: the result or the timeout
     * @throws InterruptedException if interrupted
     */
    public static List<String> run(Latency work1, Duration timeout1, Latency work2, Duration timeout2)
            throws InterruptedException {
        Channel<String> c1 = Channel.buffered(1);
        Thread.startVirtualThread(() -> work(work1, c1, "result 1"));
        String first = Select.builder()
                .onReceive(c1, res -> res)
                .onReceive(Channels.after(timeout1), t -> "timeout 1")
                .select();

        Channel<String> c2 = Channel.buffered(1);
        Thread.startVirtualThread(() -> work(work2, c2, "result 2"));
        String second = Select.builder()
                .onReceive(c2, res -> res)
                .onTimeout(timeout2, () -> "timeout 2")
                .select();
        return List.of(first, second);
    }

    private static void work(Latency latency, Channel<String> out, String result) {
        try {
            latency.await();
            out.trySend(result); // buffered(1): never blocks, even if nobody is listening any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
