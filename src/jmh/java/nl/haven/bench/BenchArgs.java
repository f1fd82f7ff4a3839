package nl.haven.bench;

/** {@code --name value} options of the benchmark mains. */
final class BenchArgs {
    private BenchArgs() {
    }

    static String text(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static int number(String[] args, String name, int fallback) {
        String value = text(args, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is '" + value + "'; expected a whole number");
        }
    }
}
