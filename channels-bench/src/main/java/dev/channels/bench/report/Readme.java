package dev.channels.bench.report;

/**
 * Puts a generated block into README: the text between the block's first line (the begin marker) and the end
 * marker is replaced, and nothing else changes. A README without both markers, in order, is an error: the block's
 * place is chosen by a person, once, not guessed.
 */
final class Readme {

    private Readme() {
    }

    /**
     * README with Suite 1's block replaced by {@code block}, a {@code suite1.md} of a quick run.
     *
     * @throws IllegalStateException    if the block comes from a run on a busy machine and {@code force} is false
     * @throws IllegalArgumentException as {@link #splice}
     */
    static String publish(String readme, String block, boolean force) {
        if (block.contains(Load.BUSY) && !force) {
            throw new IllegalStateException("this run was made on a busy machine; rerun on an idle machine (or pass "
                    + "--force to publish it anyway)");
        }
        return splice(readme, block, Suite1.BEGIN, Suite1.END);
    }

    /**
     * README with the block between {@code begin} and {@code end} replaced by {@code block} (which starts with
     * {@code begin} and ends with {@code end} and a line break).
     *
     * @throws IllegalArgumentException if README lacks either marker or has them out of order, or the block does not
     *                                  start and end with them
     */
    static String splice(String readme, String block, String begin, String end) {
        if (!block.startsWith(begin) || !block.strip().endsWith(end)) {
            throw new IllegalArgumentException("the generated block must start with " + begin + " and end with " + end);
        }
        int from = readme.indexOf(begin);
        int to = readme.indexOf(end);
        if (from < 0 || to < 0 || to < from) {
            throw new IllegalArgumentException("README must contain the line " + begin + " and, after it, the line "
                    + end + " (found begin at " + from + ", end at " + to + ")");
        }
        int after = to + end.length();
        if (after < readme.length() && readme.charAt(after) == '\n') {
            after++;
        }
        return readme.substring(0, from) + block + readme.substring(after);
    }
}
