package dev.channels.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class PrimeSieveTest {

    @Test
    void firstTwentyFivePrimesAreTwoToNinetySeven() throws InterruptedException {
        assertEquals(List.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83,
                89, 97), PrimeSieve.primes(25));
    }

    @Test
    void sieveOfZeroFindsNothingAndOfOneFindsTwo() throws InterruptedException {
        assertEquals(List.of(), PrimeSieve.primes(0));
        assertEquals(List.of(2), PrimeSieve.primes(1));
    }

    @Test
    void longerChainsStayCorrect() throws InterruptedException {
        List<Integer> primes = PrimeSieve.primes(200);
        assertEquals(200, primes.size());
        assertEquals(1223, primes.get(199)); // the 200th prime
    }
}
