// Post-build check of the consumer sample (run by maven-invoker-plugin after its `mvn verify`).
// Both runs must have printed their success line, and the JVM must have printed no warning. The program's
// stdout and stderr are copied into build.log as they are, so a line such as
// "WARNING: A terminally deprecated method in sun.misc.Unsafe has been called" fails the check. (The forked
// Maven itself runs on Maven's own JVM, which prints no such line; Maven's own warnings read "[WARNING]".)
// ANSI colour codes of the forked Maven's output are stripped first.
def log = new File(basedir, 'build.log').readLines().collect { it.replaceAll(/\u001B\[[;\d]*[A-Za-z]/, '') }

// "WARNING: ..." is how the JDK's libraries warn (Unsafe, native access, agents, unknown modules); HotSpot itself
// prints "OpenJDK 64-Bit Server VM warning: ...".
def warnings = log.findAll { it.startsWith('WARNING:') || it.contains('VM warning:') }
if (!warnings.isEmpty()) {
    throw new AssertionError("JVM warnings in the consumer runs:\n" + warnings.join('\n'))
}
for (mode in ['module path', 'class path']) {
    def line = 'consumer OK on the ' + mode.replace(' ', '-')
    if (!log.any { it.contains(line) }) {
        throw new AssertionError("no '" + line + "' in build.log")
    }
}
println 'consumer check: module path and class path runs passed, no JVM warnings'
return true
