package nl.haven.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Records, while switched on, every statement a Haven context sends through its {@link DataSource} with its parameters,
 * and the transaction boundaries ({@code setAutoCommit(false)}, {@code commit}, {@code rollback}), in the order they
 * happen — datasource-proxy around the pool. For the intake throughput benchmark, which replays the statements of one
 * submission with pgbench.
 */
final class SqlCapture implements BeanPostProcessor {
    /** A statement with its parameters by index (1-based), or a transaction boundary ({@code sql} is BEGIN, COMMIT or ROLLBACK, no parameters). */
    record Step(String sql, Map<Integer, Object> params, boolean boundary) {
    }

    private final AtomicBoolean on = new AtomicBoolean();
    private final List<Step> steps = new ArrayList<>();

    void start() {
        synchronized (steps) {
            steps.clear();
        }
        on.set(true);
    }

    List<Step> stop() {
        on.set(false);
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || bean.getClass().getName().startsWith("net.ttddyy")) {
            return bean;
        }
        return ProxyDataSourceBuilder.create(dataSource).name("capture")
                .afterQuery((execution, queries) -> {
                    if (on.get()) {
                        for (QueryInfo query : queries) {
                            List<List<ParameterSetOperation>> sets = query.getParametersList();
                            if (sets.isEmpty()) {
                                add(new Step(query.getQuery(), Map.of(), false));
                            }
                            for (List<ParameterSetOperation> set : sets) {
                                Map<Integer, Object> params = new TreeMap<>();
                                for (ParameterSetOperation operation : set) {
                                    Object[] args = operation.getArgs();
                                    if (args.length >= 1 && args[0] instanceof Integer index) {
                                        params.put(index, operation.getMethod().getName().equals("setNull") || args.length < 2 ? NULL : args[1]);
                                    }
                                }
                                add(new Step(query.getQuery(), params, false));
                            }
                        }
                    }
                })
                .afterMethod(context -> {
                    if (on.get() && context.getTarget() instanceof Connection) {
                        String method = context.getMethod().getName();
                        Object[] args = context.getMethodArgs();
                        if (method.equals("setAutoCommit") && args != null && Boolean.FALSE.equals(args[0])) {
                            add(new Step("BEGIN", Map.of(), true));
                        } else if (method.equals("commit")) {
                            add(new Step("COMMIT", Map.of(), true));
                        } else if (method.equals("rollback")) {
                            add(new Step("ROLLBACK", Map.of(), true));
                        }
                    }
                })
                .build();
    }

    /** A parameter set with {@code setNull}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    private void add(Step step) {
        synchronized (steps) {
            steps.add(step);
        }
    }
}
