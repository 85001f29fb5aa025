// Post-build check of README's Install project (run by maven-invoker-plugin, execution readme-check of
// samples/pom.xml, after `mvn -q compile exec:exec` on the pom.xml and Main.java copied out of README.md).
// The program must have printed its greeting and run on Java 21 or newer, and the JVM must have printed no
// warning. ANSI colour codes of the forked Maven's output are stripped first.
def log = new File(basedir, 'build.log').readLines().collect { it.replaceAll(/\u001B\[[;\d]*[A-Za-z]/, '') }

def warnings = log.findAll { it.startsWith('WARNING:') || it.contains('VM warning:') }
if (!warnings.isEmpty()) {
    throw new AssertionError("JVM warnings in the README project's run:\n" + warnings.join('\n'))
}
if (!log.contains('hello from a virtual thread')) {
    throw new AssertionError("README project: no 'hello from a virtual thread' in build.log")
}
def javaLine = log.find { it ==~ /on Java \d+/ }
if (javaLine == null || (javaLine - 'on Java ').toInteger() < 21) {
    throw new AssertionError("README project: expected 'on Java <21 or newer>', got " + javaLine)
}
println "README project: built and ran ${javaLine} (Maven ran on Java ${System.getProperty('java.specification.version')})"
return true
