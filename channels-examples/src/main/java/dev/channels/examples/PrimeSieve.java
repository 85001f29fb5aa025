package dev.channels.examples;

import dev.channels.Channel;
import dev.channels.ReceiveChannel;
import dev.channels.Scope;
import dev.channels.SendChannel;

import java.util.ArrayList;
import java.util.List;

/**
 * The concurrent prime sieve from the Go documentation: a daisy chain of filters over unbuffered channels.
 * A generator sends 2, 3, 4, ...; each prime found adds a filter that drops its multiples.
 *
 * <pre>{@code
 * func generate(ch chan<- int) { for i := 2; ; i++ { ch <- i } }
 *
 * func filter(in <-chan int, out chan<- int, prime int) {
 *     for { i := <-in; if i%prime != 0 { out <- i } }
 * }
 *
 * func main() {
 *     ch := make(chan int)
 *     go generate(ch)
 *     for i := 0; i < 25; i++ {
 *         prime := <-ch
 *         fmt.Println(prime)
 *         ch1 := make(chan int)
 *         go filter(ch, ch1, prime)
 *         ch = ch1
 *     }
 * }
 * }</pre>
 *
 * <p>Go's program exits with the generator and filters still blocked; here they run in a {@link Scope} that is
 * cancelled once enough primes are found, so no thread outlives {@link #primes(int)}.
 *
 * <p>Run: {@code ./examples.sh PrimeSieve [count]}
 */
public final class PrimeSieve {

    private PrimeSieve() {
    }

    /**
     * Prints the first primes, one per line.
     *
     * @param args optional: how many primes (default 25)
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        for (int prime : primes(count)) {
            System.out.println(prime);
        }
    }

    /** Go: {@code func generate(ch chan<- int)}. Sends 2, 3, 4, ... until cancelled. */
    static void generate(SendChannel<Integer> ch) throws InterruptedException {
        for (int i = 2; ; i++) {
            ch.send(i);
        }
    }

    /** Go: {@code func filter(in <-chan int, out chan<- int, prime int)}. Drops the multiples of prime. */
    static void filter(ReceiveChannel<Integer> in, SendChannel<Integer> out, int prime) throws InterruptedException {
        for (;;) {
            int i = in.receive();
            if (i % prime != 0) {
                out.send(i);
            }
        }
    }

    /**
     * The first {@code count} primes, found by the sieve.
     *
     * @param count how many primes
     * @return the primes in increasing order
     * @throws InterruptedException if interrupted
     */
    public static List<Integer> primes(int count) throws InterruptedException {
        List<Integer> primes = new ArrayList<>();
        try (var scope = Scope.open()) {
            try {
                Channel<Integer> ch = Channel.unbuffered();
                scope.go(() -> generate(ch.sendOnly()));
                ReceiveChannel<Integer> in = ch.receiveOnly();
                for (int i = 0; i < count; i++) {
                    int prime = in.receive();
                    primes.add(prime);
                    Channel<Integer> ch1 = Channel.unbuffered();
                    ReceiveChannel<Integer> from = in;
                    scope.go(() -> filter(from, ch1.sendOnly(), prime));
                    in = ch1.receiveOnly();
                }
            } finally {
                scope.cancel(); // the generator and filters never end by themselves: stop them
            }
        }
        return primes;
    }
}
