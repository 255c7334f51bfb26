package org.cdigateway.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.cdigateway.WsExceptionFilter;
import org.junit.jupiter.api.Test;

class FilterChainTest {

    private static FilterChain.Entry entry(Class<?> filterClass, Class<? extends Throwable> type, int level) {
        WsExceptionFilter<Throwable> filter = (e, c) -> {};
        return new FilterChain.Entry(filter, filterClass, type, level);
    }

    static final class A {}

    static final class B {}

    static final class C {}

    @Test
    void theNearestTypeWinsWhateverItsLevel() {
        FilterChain chain = new FilterChain(List.of(entry(A.class, RuntimeException.class, FilterChain.Entry.METHOD),
                entry(B.class, IllegalStateException.class, FilterChain.Entry.GLOBAL)));
        assertThat(chain.filterFor(new IllegalStateException()).filterClass()).isEqualTo(B.class);
        assertThat(chain.filterFor(new IllegalArgumentException()).filterClass()).isEqualTo(A.class);
        assertThat(chain.filterFor(new IOException())).isNull();
    }

    @Test
    void onATieTheMethodBeatsTheClassBeatsGlobal() {
        FilterChain chain = new FilterChain(List.of(entry(C.class, RuntimeException.class, FilterChain.Entry.GLOBAL),
                entry(B.class, RuntimeException.class, FilterChain.Entry.CLASS),
                entry(A.class, RuntimeException.class, FilterChain.Entry.METHOD)));
        assertThat(chain.filterFor(new UncheckedIOException(new IOException())).filterClass()).isEqualTo(A.class);
    }

    @Test
    void distanceCountsSuperclassSteps() {
        assertThat(FilterChain.distance(NumberFormatException.class, NumberFormatException.class)).isZero();
        assertThat(FilterChain.distance(NumberFormatException.class, IllegalArgumentException.class)).isEqualTo(1);
        assertThat(FilterChain.distance(NumberFormatException.class, Throwable.class)).isEqualTo(4);
        assertThat(FilterChain.distance(IOException.class, RuntimeException.class)).isEqualTo(-1);
    }

    @Test
    void theExceptionTypeIsReadFromTheGenericInterface() {
        abstract class Base<T extends Throwable> implements WsExceptionFilter<T> {}
        class Concrete extends Base<IllegalStateException> {

            @Override
            public void catchException(IllegalStateException exception, org.cdigateway.ExecutionContext context) {}
        }
        assertThat(FilterResolver.exceptionType(Concrete.class)).isEqualTo(IllegalStateException.class);
        assertThat(FilterResolver.exceptionType(Base.class)).isNull();
    }
}
